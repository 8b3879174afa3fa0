/**
 * The one way a service keeps an in-memory view of a topic: {@link dev.afterhours.directory.follow.TopicFollower}
 * reads the topics to their end, keeps following, restarts after an error and reports whether it is caught up
 * ({@link dev.afterhours.directory.follow.FollowerStatus}), for the service's readiness and metrics. Plain Kafka
 * clients, no Spring, no Micrometer.
 */
@NullMarked
package dev.afterhours.directory.follow;

import org.jspecify.annotations.NullMarked;
