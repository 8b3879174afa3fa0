/**
 * Signed acknowledgement links: what a page carries so that the person paged can take it from a phone without
 * signing in. A link names one notification and one person, expires, is signed with HMAC-SHA256 under a rotatable key,
 * and acknowledges once.
 */
@NullMarked
package dev.afterhours.notifier.acklink;

import org.jspecify.annotations.NullMarked;
