package app

// Message codes of a digest that could not leave, produced by package notify
// (its errors' Problem) and worded by package messages (catalog send.*.json).
// A run keeps them as its Problem (see ProblemOf). Detail is an error's text
// that is not ours, kept verbatim (the server's reply, the system's error);
// it may itself be a Message when notify wrote it.
const (
	// One SMTP attempt failed: Addr, Detail, and Reason (a Message) when
	// Vigía can tell the user what to do about it.
	CodeSMTPFailed        Code = "envio.smtp.fallo"
	CodeSMTPFailedBecause Code = "envio.smtp.fallo_motivo"

	// Reasons of a failed attempt. Reply is the server's reply code (4xx, 5xx).
	CodeSMTPNoAnswerWithin     Code = "envio.smtp.sin_respuesta_en" // After: the attempt's timeout, "30s"
	CodeSMTPCancelled          Code = "envio.smtp.cancelado"
	CodeSMTPBadCertificate     Code = "envio.smtp.certificado"
	CodeSMTPNoTLS              Code = "envio.smtp.sin_tls"
	CodeSMTPNoSTARTTLS         Code = "envio.smtp.sin_starttls"
	CodeSMTPNoAuth             Code = "envio.smtp.sin_autenticacion"
	CodeSMTPCredentials        Code = "envio.smtp.535"
	CodeSMTPAccessRefused      Code = "envio.smtp.534"
	CodeSMTPAuthRequired       Code = "envio.smtp.530"
	CodeSMTPEncryptionRequired Code = "envio.smtp.538"
	CodeSMTPRecipientsLater    Code = "envio.smtp.destinatarios_4xx" // Reply
	CodeSMTPMailLater          Code = "envio.smtp.correo_4xx"        // Reply
	CodeSMTPRecipientsRefused  Code = "envio.smtp.destinatarios_5xx" // Reply
	CodeSMTPMailRefused        Code = "envio.smtp.correo_5xx"        // Reply
	CodeSMTPBusy               Code = "envio.smtp.ocupado"
	CodeSMTPConnectionCut      Code = "envio.smtp.conexion_cortada"
	CodeSMTPHostNotFound       Code = "envio.smtp.servidor_desconocido"
	CodeSMTPConnectionRefused  Code = "envio.smtp.conexion_rechazada"
	CodeSMTPNoAnswer           Code = "envio.smtp.sin_respuesta"
	CodeSMTPNoConnection       Code = "envio.smtp.sin_conexion"

	// Several attempts: N attempts failed, Last is the last one's Message.
	CodeSMTPAttemptsFailed Code = "envio.smtp.intentos_fallidos"
	// The run's deadline or Vigía's stop ended the sending. What is
	// CodeSMTPTimedOut or CodeSMTPCancelled; Addr the server; Attempt the
	// attempt it cut; N the attempts made; Last the last failure's Message.
	CodeSMTPTimedOut           Code = "envio.smtp.tiempo_agotado"
	CodeSMTPStoppedBeforeFirst Code = "envio.smtp.detenido_antes"
	CodeSMTPStoppedDuringFirst Code = "envio.smtp.detenido_durante_el_primero"
	CodeSMTPStoppedDuring      Code = "envio.smtp.detenido_durante"
	CodeSMTPStoppedAfter       Code = "envio.smtp.detenido_tras"

	// The digest could not be made into an e-mail: Trigger (its ID), Detail.
	CodeMailNotBuilt Code = "envio.preparar"
	// Why (the Detail of CodeMailNotBuilt): Value is the sender or the
	// recipients (joined by ", "), Detail go-mail's error.
	CodeMailNoRecipients      Code = "envio.preparar.sin_destinatarios"
	CodeMailSenderInvalid     Code = "envio.preparar.remitente"
	CodeMailRecipientsInvalid Code = "envio.preparar.destinatarios"

	// The outbox could not keep the digest: Dir, File (the file being
	// written), Detail.
	CodeOutboxCreate     Code = "envio.bandeja.crear"
	CodeOutboxWrite      Code = "envio.bandeja.escribir"
	CodeOutboxWriteFile  Code = "envio.bandeja.escribir_archivo"
	CodeOutboxSave       Code = "envio.bandeja.guardar"
	CodeOutboxNoFreeName Code = "envio.bandeja.sin_nombre_libre"
)
