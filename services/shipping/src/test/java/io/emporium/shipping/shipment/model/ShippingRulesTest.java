package io.emporium.shipping.shipment.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The documented, deterministic rejection rules. */
class ShippingRulesTest {

    private final ShippingRules rules = new ShippingRules(50, "unshippable-");

    @Test
    void ordinaryOrderIsShipped() {
        assertThat(rules.rejectionOf(new CustomerId("alice"), lines(10, 5))).isEmpty();
    }

    @Test
    void exactlyTheParcelLimitIsShipped() {
        assertThat(rules.rejectionOf(new CustomerId("alice"), lines(25, 25))).isEmpty();
    }

    @Test
    void moreUnitsThanTheParcelLimitAreRejected() {
        assertThat(rules.rejectionOf(new CustomerId("alice"), lines(25, 26)))
                .contains("exceeds the parcel limit of 50 units");
    }

    @Test
    void hugeQuantitiesDoNotOverflowIntoAcceptance() {
        assertThat(rules.rejectionOf(new CustomerId("alice"), lines(Integer.MAX_VALUE, Integer.MAX_VALUE)))
                .contains("exceeds the parcel limit of 50 units");
    }

    @Test
    void customerMarkedUnshippableIsRejected() {
        assertThat(rules.rejectionOf(new CustomerId("unshippable-carol"), lines(1)))
                .contains("no delivery to this address");
        assertThat(rules.rejectionOf(new CustomerId("carol-unshippable-"), lines(1))).isEmpty();
    }

    @Test
    void theParcelLimitIsCheckedFirst() {
        assertThat(rules.rejectionOf(new CustomerId("unshippable-carol"), lines(51)))
                .contains("exceeds the parcel limit of 50 units");
    }

    @Test
    void limitAndPrefixAreConfigurable() {
        ShippingRules strict = new ShippingRules(3, "nowhere-");

        assertThat(strict.rejectionOf(new CustomerId("alice"), lines(4))).contains("exceeds the parcel limit of 3 units");
        assertThat(strict.rejectionOf(new CustomerId("nowhere-x"), lines(1))).contains("no delivery to this address");
        assertThat(strict.rejectionOf(new CustomerId("unshippable-carol"), lines(1))).isEmpty();
    }

    @Test
    void meaninglessRulesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ShippingRules(0, "unshippable-"));
        assertThatIllegalArgumentException().isThrownBy(() -> new ShippingRules(50, " "));
    }

    private static List<ShipmentLine> lines(int... quantities) {
        return java.util.stream.IntStream.range(0, quantities.length)
                .mapToObj(index -> new ShipmentLine("SKU-00000" + index, quantities[index])).toList();
    }
}
