/** How a Kafka client reaches the cluster: one value that every client a service builds by hand starts from. */
@NullMarked
package dev.afterhours.contracts.connection;

import org.jspecify.annotations.NullMarked;
