/**
 * A generic engine for orchestrated sagas: a {@link SagaDefinition} reads like the saga's description (each step with
 * its command, its replies and its compensation), and every transition is a pure function that returns the next
 * {@link SagaInstance} and the {@link Command}s to send. Nothing here does I/O or knows a framework: a service's model
 * and use cases may use it.
 *
 * <h2>Using it</h2>
 * <ol>
 * <li>Define the saga over the data it serves, with small proxies that build the participants' commands
 * ({@code SagaDefinition.named("place-order", timeout).step("reserve stock").invoke(...).onReply(...)
 * .compensateWith(...)...build()}).</li>
 * <li>Store its instances through the {@link Sagas} port. With
 * {@code emporium.saga.store.enabled=true} the platform provides it on PostgreSQL ({@code saga_instance}, created by
 * the platform), lists quarantined sagas at {@code /actuator/quarantine} and counts the ones that end.</li>
 * <li>In one transaction per event: {@code start} the saga, or {@code lock} its instance and {@code judge} a reply
 * before {@code onReply}, or call {@code onDeadline} for the ids {@code Sagas.expired} returns; then store the data's
 * changes, {@code update} the instance and put the transition's commands in the outbox.</li>
 * </ol>
 * The orders service's {@code PlaceOrderSaga} and {@code OrderFulfilment} are the worked example.
 */
package io.emporium.platform.saga;
