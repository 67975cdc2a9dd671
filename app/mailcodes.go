package app

// Message codes of the mail settings and of how digests leave, produced by
// package notify (which reads SMTP_* and sends) and worded by package
// messages (catalog mail.*.json): the console and the API show them in
// Spanish, the desktop in the user's language.
const (
	// SMTP_* variables (notify.VarError). Value is what the user wrote.
	CodeSMTPPasswordWithoutUser Code = "smtp.password.sin_usuario"
	CodeSMTPHostInvalid         Code = "smtp.host.invalido"
	CodeSMTPPortInvalid         Code = "smtp.puerto.invalido"
	CodeSMTPTLSInvalid          Code = "smtp.tls.invalido"
	CodeSMTPTLSNoneRemote       Code = "smtp.tls.none_remoto" // Host
	CodeSMTPFromRequired        Code = "smtp.from.obligatorio"
	CodeSMTPFromInvalid         Code = "smtp.from.invalido"            // Value
	CodeSMTPFromUserInvalid     Code = "smtp.from.invalido_de_usuario" // Value: SMTP_USER taken as the sender

	// How digests leave. TLS is a notify.TLSMode: starttls, ssl or none.
	CodeMailModeSMTP   Code = "correo.modo.smtp"    // Addr, TLS: the banner's short form
	CodeMailModeOutbox Code = "correo.modo.bandeja" // Dir: the banner's short form
	// CodeMailServer describes the server in full: Addr, TLS, User ("" for
	// none) and From ("" when it is the user).
	CodeMailServer Code = "correo.servidor"
	// CodeMailNoServer is the settings' mode without SMTP: Dir.
	CodeMailNoServer Code = "correo.sin_servidor"

	// The answer to Configuración's test message: the server accepted it
	// (Addr; Reply, the text of its final reply, "" when it gave none), or,
	// without a server, it was saved in the outbox (Path, the file).
	CodeTestMailAccepted Code = "prueba.aceptado"
	CodeTestMailSaved    Code = "prueba.guardado"
)
