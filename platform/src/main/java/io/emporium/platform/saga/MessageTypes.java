package io.emporium.platform.saga;

/** Message type names: each contract record carries its own in a {@code public static final String TYPE}. */
public final class MessageTypes {

    private MessageTypes() {
    }

    /** @throws IllegalArgumentException when the record has no public static TYPE constant */
    public static String typeOf(Class<?> messageClass) {
        try {
            return (String) messageClass.getField("TYPE").get(null);
        }
        catch (ReflectiveOperationException | ClassCastException ex) {
            throw new IllegalArgumentException(messageClass.getName() + " has no public static String TYPE", ex);
        }
    }
}
