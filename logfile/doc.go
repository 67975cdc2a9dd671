// Package logfile owns Vigía's log on disk: a file that rotates by size, for
// the processes whose standard output nobody reads (the Windows GUI build has
// no console; a desktop session discards a GUI's output).
//
// It is not gopkg.in/natefinch/lumberjack.v2 because of what happens when a
// rotation cannot rename the full file (on Windows, while another program
// holds it open): lumberjack then fails every write until the rename works,
// so the lines are lost (and, behind an io.MultiWriter, their console copy
// too), and it refuses a write larger than the size limit; here the lines go
// on into the same file, the failure is written into it once, and a large
// write gets a file of its own. Old files are numbered (vigia.log.1 …).
package logfile
