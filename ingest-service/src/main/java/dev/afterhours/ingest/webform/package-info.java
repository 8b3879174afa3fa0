/**
 * The clients' public web forms: a server-rendered page per client ({@code /forms/{formSlug}}) in the client's
 * language, asking what is broken and how bad it is, taken through the one
 * {@link dev.afterhours.ingest.message.MessageIntake} as a WEBFORM message. Abuse is kept out by a signed form token
 * (HMAC, slug and issue time; too fast, expired or forged is refused), a honeypot field and a per-address rate limit.
 */
@NullMarked
package dev.afterhours.ingest.webform;

import org.jspecify.annotations.NullMarked;
