/** HTTP adapters: acknowledgements and the notification history. */
@NullMarked
package dev.afterhours.notifier.web;

import org.jspecify.annotations.NullMarked;
