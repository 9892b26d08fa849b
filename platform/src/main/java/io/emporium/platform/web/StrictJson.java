package io.emporium.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emporium.platform.web.ProblemFields.InvalidInput;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How every Emporium service reads a JSON request body: strictly, so that what a client meant is never guessed.
 * Refused with a 400 problem naming the field ({@link #rejected}):
 * <ul>
 * <li>a fraction for a whole number ({@code "quantity": 1.5}, also {@code 1.0} and {@code 1e2});</li>
 * <li>a number out of the target's range ({@code 99999999999} for an {@code int});</li>
 * <li>a value of another JSON type than the field's: a string for a number or a boolean ({@code "quantity": "2"}),
 * a boolean for a number, a number for a boolean or an enum;</li>
 * <li>{@code null} for a primitive, or a primitive left out (it would silently be 0 or false), the same key twice in
 * one object, anything after the JSON value ({@code {}{}});</li>
 * <li><b>unknown properties</b>. Decision: refused, not ignored. A property the service does not know is either a
 * client's typo (silently dropping it would hide the mistake) or an attempt to set what the client may not set
 * (mass assignment, OWASP API3: {@code "status"}, {@code "price"}); both deserve an answer naming it. The price is
 * that a client may send a new request property only once every instance of the service knows it, which is the
 * order a deployment rolls out in anyway.</li>
 * </ul>
 * Accepted on purpose: a number or a boolean for a string ({@code "sku": 42} is read as {@code "42"}). That loses
 * nothing (unlike {@code 1.5} becoming {@code 1}), the field's own validation still applies to the text, and Boot's
 * actuator write operations (chaos, loggers) read their arguments as strings from such bodies
 * ({@code "errorRate": 0.3}).
 *
 * <p>Only request bodies read by a service's own HTTP endpoints are strict. Responses a service reads from another
 * service (RestClient, WebClient) and Kafka events stay tolerant of properties they do not know, so that a producer
 * can add fields before its consumers know them (schema evolution): the application's shared {@link JsonMapper} is
 * left as it is, and only the server's JSON converter (servlet) or decoder (reactive) gets {@link #forRequests}.
 * A body that is not {@code application/json} (or {@code +json}) is a 415 problem before any of this.
 */
public final class StrictJson {

    /** The field name given for a failure of the body as a whole (not JSON, trailing content). */
    public static final String WHOLE_BODY = "body";

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

    private StrictJson() {
    }

    /** The application's mapper (modules, naming, serialization unchanged) with the strict reading rules above. */
    public static JsonMapper forRequests(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Integer, coercion -> coercion
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, coercion -> coercion
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, coercion -> coercion
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }

    /**
     * The field a request body was refused for and why, found in the failure's causes; the field is a path such as
     * {@code items[0].quantity}, or {@link #WHOLE_BODY}. The message names the rule, never the value sent.
     * {@code null} if no JSON failure is among the causes (the body was missing, or too large).
     */
    public static @Nullable InvalidInput rejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return new InvalidInput(fieldOf(json), reasonOf(json));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** {@link #rejected} as the list of a problem's {@code errors}, empty if there is none. */
    public static List<InvalidInput> errors(Throwable failure) {
        InvalidInput rejected = rejected(failure);
        return rejected == null ? List.of() : List.of(rejected);
    }

    private static String fieldOf(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(failure.getOriginalMessage()));
        if (duplicate.find() && !path.toString().endsWith(duplicate.group(1))) {
            path.append(path.isEmpty() ? "" : ".").append(duplicate.group(1));
        }
        return path.isEmpty() ? WHOLE_BODY : path.toString();
    }

    private static String reasonOf(JacksonException failure) {
        String message = String.valueOf(failure.getOriginalMessage());
        if (failure instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (DUPLICATE.matcher(message).find()) {
            return "appears more than once";
        }
        if (failure instanceof InvalidNullException || message.contains("`null`")) {
            return "must be present and not null";
        }
        if (failure instanceof InputCoercionException) {
            return "is out of range";
        }
        if (message.startsWith("Trailing token")) {
            return "has content after the JSON value";
        }
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + kindOf(mismatch.getTargetType());
        }
        return "is not valid JSON";
    }

    private static String kindOf(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number in range";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        return "of the expected shape";
    }
}
