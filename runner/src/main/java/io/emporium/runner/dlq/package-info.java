/**
 * Dead letters: the records Spring Kafka's {@code DeadLetterPublishingRecoverer} moved to {@code <topic>.DLT} after
 * they failed too often. {@link io.emporium.runner.dlq.DeadLetterQueue} reads them without joining a consumer group
 * and replays chosen ones to their original topic, recording each replay in the compacted topic
 * {@value io.emporium.runner.dlq.ReplayLedger#TOPIC} so that a second run skips it.
 * {@link io.emporium.runner.dlq.DeadLetterKind} tells the dead letters that leave an order stuck (compensations,
 * finalizations) from the rest.
 */
package io.emporium.runner.dlq;
