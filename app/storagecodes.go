package app

// Message codes of a database that cannot be written (storage wraps SQLite's
// errors with them, see ErrStorageFull and its siblings). Worded by package
// messages (catalog storage.*.json): the console and the API in Spanish, the
// desktop in the user's language. Each says what to do.
const (
	// CodeStorageFull: the disk holding the database is full. Path.
	CodeStorageFull Code = "almacenamiento.lleno"
	// CodeStorageReadOnly: the database (or its folder) cannot be written. Path.
	CodeStorageReadOnly Code = "almacenamiento.solo_lectura"
	// CodeStorageIO: the system failed to read or write the file. Path, Detail.
	CodeStorageIO Code = "almacenamiento.entrada_salida"
	// CodeStorageReadOnlyAtStart: Vigía refuses to start on a database it
	// cannot write. Path, Cause (SQLite's or the system's words).
	CodeStorageReadOnlyAtStart Code = "almacenamiento.inicio.solo_lectura"
	// CodeStorageUnavailable: the database server (PostgreSQL) cannot be
	// reached. Server (host:port/database, never the password).
	CodeStorageUnavailable Code = "almacenamiento.sin_conexion"
)

// Message codes of the scheduling lease that cannot be written: the
// status's Problem.
const (
	// CodeLeaseRenewFailing: this process leads but could not renew its
	// lease; it stops running triggers soon unless a renewal works. Cause (a
	// Message: one of the storage codes, or CodeLeaseStoreError).
	CodeLeaseRenewFailing Code = "turno.renovacion_fallida"
	// CodeLeaseNotWritten: this process cannot write the lease and runs no
	// trigger until it can. Cause (a Message).
	CodeLeaseNotWritten Code = "turno.sin_escritura"
	// CodeLeaseStoreError: the database failed otherwise. Detail.
	CodeLeaseStoreError Code = "turno.error_base"
)
