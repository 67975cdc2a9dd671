// Package settings owns the settings saved from the desktop's Configuración
// screen: the mail server, the zone, the default recipients and the desktop
// preferences. The environment wins: a variable set in the environment or
// .env fixes its field, and the stored value is one more source of the same
// variable, read by the same code (config.LoadLive). Saving validates the
// whole form (validate.go), writes it in one transaction and puts it into
// effect at once; Refresh applies what another process saved. The live mail
// switch (mailswitch.go) lets the Service send each digest with the mail
// settings in effect.
package settings
