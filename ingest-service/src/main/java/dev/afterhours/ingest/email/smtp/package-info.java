/** The SMTP listener (SubEthaSMTP) that agencies point an MX record or a forwarding rule at. */
@NullMarked
package dev.afterhours.ingest.email.smtp;

import org.jspecify.annotations.NullMarked;
