package app

// Message codes of the settings that are not mail (mailcodes.go): the
// variables VIGIA_TZ and EMAIL_DESTINATARIOS, read from the environment,
// .env and the stored settings (internal/config), and the language chosen in
// Configuración (internal/settings). Worded by package messages (catalog
// settings.*.json): the console and the API in Spanish, the desktop in the
// user's language.
const (
	// CodeZoneNotIANA refuses VIGIA_TZ=Local: Value, Example (a zone to use).
	CodeZoneNotIANA Code = "zona.no_iana"
	// CodeZoneUnknown refuses a VIGIA_TZ that names no zone: Value, Example.
	CodeZoneUnknown Code = "zona.desconocida"
	// CodeDefaultRecipientsInvalid refuses EMAIL_DESTINATARIOS: Problem is
	// what ParseRecipients says of the list (a Message).
	CodeDefaultRecipientsInvalid Code = "destinatarios.defecto.invalidos"
	// CodeLanguageUnknown refuses a Settings.Language other than "", es, en
	// or LanguageAuto: Value.
	CodeLanguageUnknown Code = "idioma.desconocido"
)
