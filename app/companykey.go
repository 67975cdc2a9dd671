package app

import "strings"

// CompanyKey is what makes two company names the same company: case (all of
// Unicode, not only ASCII as SQLite's COLLATE NOCASE) and runs of blanks do
// not count; accents do ("Panadería" and "Panaderia" are two companies).
// The store keeps it in empresas.nombre_clave, UNIQUE, and the import matches
// a file's companies by it, so both must use this one function.
func CompanyKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
