package io.emporium.shipping.shipment.model;

import java.util.regex.Pattern;

/**
 * One product line of a parcel: a SKU (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit) and a
 * positive quantity.
 */
public record ShipmentLine(String sku, int quantity) {

    public static final String SKU_FORMAT = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern SKU = Pattern.compile(SKU_FORMAT);

    /** @throws IllegalArgumentException if the SKU does not match {@link #SKU_FORMAT} or the quantity is not positive */
    public ShipmentLine {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("SKU must match " + SKU_FORMAT + ": " + sku);
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("Quantity of " + sku + " must be positive, got " + quantity);
        }
    }
}
