/** Who is on call: now, over a range, and where nobody is. */
@NullMarked
package dev.afterhours.notifier.oncall.web;

import org.jspecify.annotations.NullMarked;
