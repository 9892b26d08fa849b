package io.emporium.platform.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emporium.platform.saga.SagaDefinition.Transition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The engine's rules on a toy saga (book a seat, charge the card, issue the ticket, send it), which knows no service:
 * the way through, deadlines, compensations, the pivot, retriable steps, acknowledgements, and how replies are judged.
 */
class SagaDefinitionTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    public record ReserveSeat(String trip) {
        public static final String TYPE = "test.ReserveSeat";
    }

    public record SeatReserved(String trip) {
        public static final String TYPE = "test.SeatReserved";
    }

    public record ReleaseSeat(String trip) {
        public static final String TYPE = "test.ReleaseSeat";
    }

    public record SeatReleased(String trip) {
        public static final String TYPE = "test.SeatReleased";
    }

    public record ChargeCard(String trip) {
        public static final String TYPE = "test.ChargeCard";
    }

    public record CardCharged(String trip) {
        public static final String TYPE = "test.CardCharged";
    }

    public record CardRefused(String trip) {
        public static final String TYPE = "test.CardRefused";
    }

    public record IssueTicket(String trip) {
        public static final String TYPE = "test.IssueTicket";
    }

    public record TicketIssued(String trip) {
        public static final String TYPE = "test.TicketIssued";
    }

    public record SendTicket(String trip) {
        public static final String TYPE = "test.SendTicket";
    }

    public record TicketSent(String trip) {
        public static final String TYPE = "test.TicketSent";
    }

    /** What happened to the trip, as the saga's handlers record it. */
    static final class Trip {
        final List<String> log = new ArrayList<>();
    }

    final SagaDefinition<Trip> saga = SagaDefinition.<Trip>named("book-trip", TIMEOUT)
            .step("reserve seat")
                .invoke(trip -> command(new ReserveSeat("t")))
                .onReply(SeatReserved.class, (trip, reply, at) -> trip.log.add("seat reserved"))
                .compensateWith(trip -> command(new ReleaseSeat("t"))).acknowledgedBy(SeatReleased.class)
            .step("charge card")
                .invoke(trip -> command(new ChargeCard("t")))
                .onReply(CardCharged.class, (trip, reply, at) -> trip.log.add("charged"))
                .failOn(CardRefused.class, reply -> "card refused")
            .step("issue ticket")
                .invoke(trip -> command(new IssueTicket("t")))
                .onReply(TicketIssued.class)
                .retryOnDeadline()
            .step("send ticket")
                .invoke(trip -> command(new SendTicket("t")))
                .onReply(TicketSent.class)
                .retryOnDeadline()
            .onCompleted((trip, at) -> trip.log.add("booked"))
            .onCompensated((trip, reason, at) -> trip.log.add("cancelled: " + reason))
            .build();

    final Trip trip = new Trip();

    @Test
    void aSagaWhoseRepliesAllSucceedSendsEachStepsCommandInTurnAndCompletes() {
        Transition started = saga.start("t", trip, T0);
        Transition charging = saga.onReply(started.instance(), trip, new SeatReserved("t"), T0.plusSeconds(1));
        Transition issuing = saga.onReply(charging.instance(), trip, new CardCharged("t"), T0.plusSeconds(2));
        Transition sending = saga.onReply(issuing.instance(), trip, new TicketIssued("t"), T0.plusSeconds(3));
        Transition booked = saga.onReply(sending.instance(), trip, new TicketSent("t"), T0.plusSeconds(4));

        assertThat(types(started)).containsExactly(ReserveSeat.TYPE);
        assertThat(started.instance().deadline()).isEqualTo(T0.plus(TIMEOUT));
        assertThat(types(charging)).containsExactly(ChargeCard.TYPE);
        assertThat(charging.instance().deadline()).isEqualTo(T0.plusSeconds(1).plus(TIMEOUT));
        assertThat(types(issuing)).containsExactly(IssueTicket.TYPE);
        assertThat(types(sending)).containsExactly(SendTicket.TYPE);
        assertThat(booked.commands()).isEmpty();
        assertThat(booked.instance().status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(booked.instance().deadline()).isNull();
        assertThat(trip.log).containsExactly("seat reserved", "charged", "booked");
    }

    @Test
    void aStepThatGetsNoReplyBeforeItsDeadlineFailsTheSagaAndIsCompensatedItself() {
        SagaInstance reserving = saga.start("t", trip, T0).instance();

        Transition timedOut = saga.onDeadline(reserving, trip, T0.plus(TIMEOUT));

        assertThat(types(timedOut)).containsExactly(ReleaseSeat.TYPE);
        assertThat(timedOut.instance().status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(timedOut.instance().deadline()).isNull();
        assertThat(trip.log).containsExactly("cancelled: no reply to 'reserve seat' within 10 s");
        assertThat(saga.onDeadline(timedOut.instance(), trip, T0.plus(TIMEOUT.multipliedBy(5))).changed()).isFalse();
    }

    @Test
    void aStepWithoutAReplyIsDoneAsSoonAsItsCommandsAreSentAndAStepMayHaveItsOwnTimeout() {
        SagaDefinition<Trip> withLocalStep = SagaDefinition.<Trip>named("notify-and-book", TIMEOUT)
                .step("announce")
                    .invokeAll(trip -> List.of(command(new SendTicket("draft")), command(new IssueTicket("draft"))))
                .step("reserve seat").invoke(trip -> command(new ReserveSeat("t"))).onReply(SeatReserved.class)
                    .within(Duration.ofSeconds(3))
                .build();

        Transition started = withLocalStep.start("t", trip, T0);

        assertThat(types(started)).containsExactly(SendTicket.TYPE, IssueTicket.TYPE, ReserveSeat.TYPE);
        assertThat(withLocalStep.stepName(started.instance())).isEqualTo("reserve seat");
        assertThat(started.instance().deadline()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aMessageTypeIsTheTypeConstantOfItsRecord() {
        assertThat(MessageTypes.typeOf(SeatReserved.class)).isEqualTo("test.SeatReserved");
        assertThatIllegalArgumentException().isThrownBy(() -> MessageTypes.typeOf(Trip.class))
                .withMessageContaining("has no public static String TYPE");
    }

    @Test
    void aFailedPivotCompensatesTheStepsBeforeItButHasNoCompensationOfItsOwn() {
        SagaInstance charging = saga.onReply(saga.start("t", trip, T0).instance(), trip, new SeatReserved("t"), T0)
                .instance();

        Transition refused = saga.onReply(charging, trip, new CardRefused("t"), T0);
        Transition timedOut = saga.onDeadline(charging, trip, T0.plus(TIMEOUT));

        assertThat(types(refused)).containsExactly(ReleaseSeat.TYPE);
        assertThat(refused.instance().status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(types(timedOut)).containsExactly(ReleaseSeat.TYPE);
        assertThat(timedOut.instance().failure()).isEqualTo("no reply to 'charge card' within 10 s");
    }

    @Test
    void aRetriableStepIsSentAgainAtEveryDeadlineAndNeverFails() {
        SagaInstance issuing = issuing();

        assertThat(saga.onDeadline(issuing, trip, T0.plus(TIMEOUT).minusMillis(1)).changed()).isFalse();
        Transition first = saga.onDeadline(issuing, trip, T0.plus(TIMEOUT));
        Transition second = saga.onDeadline(first.instance(), trip, T0.plus(TIMEOUT.multipliedBy(2)));

        assertThat(types(first)).containsExactly(IssueTicket.TYPE);
        assertThat(first.instance().deadline()).isEqualTo(T0.plus(TIMEOUT.multipliedBy(2)));
        assertThat(first.instance().retries()).isEqualTo(1);
        assertThat(second.instance().retries()).isEqualTo(2);
        assertThat(second.instance().status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(second.instance().failure()).isNull();
        assertThat(trip.log).noneMatch(entry -> entry.startsWith("cancelled"));
    }

    @Test
    void movingOnFromARetriedStepStartsTheNextWithoutRetries() {
        SagaInstance retried = saga.onDeadline(issuing(), trip, T0.plus(TIMEOUT)).instance();

        Transition sending = saga.onReply(retried, trip, new TicketIssued("t"), T0.plusSeconds(12));

        assertThat(types(sending)).containsExactly(SendTicket.TYPE);
        assertThat(sending.instance().retries()).isZero();
        assertThat(saga.stepName(sending.instance())).isEqualTo("send ticket");
    }

    @Test
    void aRepeatedAnswerToARetriableStepThatWasPassedIsIgnoredButAnotherStepsLateReplyIsRefused() {
        SagaInstance sending = saga.onReply(issuing(), trip, new TicketIssued("t"), T0).instance();
        SagaInstance booked = saga.onReply(sending, trip, new TicketSent("t"), T0).instance();

        assertThat(saga.judge(sending, new TicketIssued("t"))).isInstanceOf(ReplyVerdict.Ignore.class);
        assertThat(saga.judge(booked, new TicketIssued("t"))).isInstanceOf(ReplyVerdict.Ignore.class);
        assertThat(saga.judge(booked, new TicketSent("t"))).isInstanceOf(ReplyVerdict.Ignore.class);
        assertThat(saga.judge(sending, new CardCharged("t"))).isInstanceOf(ReplyVerdict.Refuse.class);
        assertThat(saga.judge(booked, new CardCharged("t"))).isEqualTo(new ReplyVerdict.Refuse(
                "CardCharged for 'charge card' came too late: the saga already ended COMPLETED"));
        assertThat(saga.onReply(booked, trip, new TicketIssued("t"), T0).changed()).isFalse();
        assertThat(trip.log).containsOnlyOnce("booked");
    }

    @Test
    void theAnswerToARetriableStepNotReachedYetIsRefused() {
        SagaInstance charging = saga.onReply(saga.start("t", trip, T0).instance(), trip, new SeatReserved("t"), T0)
                .instance();

        assertThat(saga.judge(charging, new TicketIssued("t"))).isEqualTo(new ReplyVerdict.Refuse(
                "TicketIssued is not what the saga waits for: it waits at 'charge card' for CardCharged or CardRefused"));
    }

    @Test
    void acknowledgementsAreIgnoredAndUnknownRepliesRefused() {
        SagaInstance running = saga.start("t", trip, T0).instance();

        assertThat(saga.judge(running, new SeatReleased("t"))).isEqualTo(
                new ReplyVerdict.Ignore("SeatReleased acknowledges a compensation"));
        assertThat(saga.judge(null, new SeatReleased("t"))).isInstanceOf(ReplyVerdict.Ignore.class);
        assertThat(saga.judge(running, new ReserveSeat("t"))).isEqualTo(
                new ReplyVerdict.Refuse("ReserveSeat is not a reply of saga book-trip"));
        assertThat(saga.judge(null, new SeatReserved("t"))).isEqualTo(
                new ReplyVerdict.Refuse("there is no book-trip saga for this SeatReserved"));
        assertThat(saga.replyTypes()).containsKeys(SeatReleased.TYPE, TicketIssued.TYPE)
                .doesNotContainKey(ReleaseSeat.TYPE);
    }

    @Test
    void onlyRetriableStepsMayFollowARetriableStep() {
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("issue ticket").invoke(trip -> command(new IssueTicket("t"))).onReply(TicketIssued.class)
                    .retryOnDeadline()
                .step("charge card").invoke(trip -> command(new ChargeCard("t"))).onReply(CardCharged.class)
                .build())
                .withMessageContaining("follows the retriable step 'issue ticket'");
    }

    @Test
    void aRetriableStepNeedsASuccessReplyAndHasNeitherAFailureReplyNorACompensation() {
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("issue ticket").invoke(trip -> command(new IssueTicket("t"))).retryOnDeadline().build());
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("charge card").invoke(trip -> command(new ChargeCard("t"))).onReply(CardCharged.class)
                    .failOn(CardRefused.class, reply -> "refused").retryOnDeadline().build());
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("reserve seat").invoke(trip -> command(new ReserveSeat("t"))).onReply(SeatReserved.class)
                    .compensateWith(trip -> command(new ReleaseSeat("t"))).retryOnDeadline().build());
    }

    @Test
    void aReplyTypeAnswersOneStepOnly() {
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("reserve seat").invoke(trip -> command(new ReserveSeat("t"))).onReply(SeatReserved.class)
                .step("reserve again").invoke(trip -> command(new ReserveSeat("t"))).onReply(SeatReserved.class)
                .build())
                .withMessageContaining("SeatReserved is both step 'reserve seat' and a reply of step 'reserve again'");
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("reserve seat").invoke(trip -> command(new ReserveSeat("t"))).onReply(SeatReserved.class)
                    .compensateWith(trip -> command(new ReleaseSeat("t"))).acknowledgedBy(SeatReserved.class)
                .build());
    }

    @Test
    void onlyACompensationIsAcknowledged() {
        assertThatIllegalStateException().isThrownBy(() -> SagaDefinition.<Trip>named("bad", TIMEOUT)
                .step("reserve seat").invoke(trip -> command(new ReserveSeat("t"))).acknowledgedBy(SeatReleased.class));
    }

    /** The saga after the seat was reserved and the card charged: waiting for the ticket, since {@code T0}. */
    private SagaInstance issuing() {
        SagaInstance instance = saga.start("t", trip, T0).instance();
        instance = saga.onReply(instance, trip, new SeatReserved("t"), T0).instance();
        return saga.onReply(instance, trip, new CardCharged("t"), T0).instance();
    }

    private static Command command(Object data) {
        return new Command("test.commands", MessageTypes.typeOf(data.getClass()), data);
    }

    private static List<String> types(Transition transition) {
        return transition.commands().stream().map(Command::type).toList();
    }
}
