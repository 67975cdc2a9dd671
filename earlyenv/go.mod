module earlyenv.vigia.invalid

go 1.26.0
