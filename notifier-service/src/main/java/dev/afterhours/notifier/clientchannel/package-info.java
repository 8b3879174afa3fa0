/** Writing to a client on the channel their message came in on: acknowledgements, SLA updates, staff replies. */
@NullMarked
package dev.afterhours.notifier.clientchannel;

import org.jspecify.annotations.NullMarked;
