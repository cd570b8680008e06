package dev.podium.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.MicroTime;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Reads the fabric8 model's MicroTime fields (a Lease's acquireTime and renewTime are
 * ZonedDateTime there, an Event's eventTime a MicroTime) as kube-apiserver reads a
 * metav1.MicroTime; only the check matters, as the decoded object is thrown away.
 */
final class MicroTimeDecoding {
    private MicroTimeDecoding() {}

    /** A MicroTime that does not parse; the message is Go's. */
    static final class BadMicroTime extends JsonMappingException {
        BadMicroTime(JsonParser p, String message) {
            super(p, message);
        }
    }

    /**
     * The reader for a MicroTime type, or null for any other; given in place of fabric8's own
     * (its MicroTime class names a deserializer that takes any string), so it must win over
     * class annotations.
     */
    static JsonDeserializer<?> forType(Class<?> type) {
        if (type == ZonedDateTime.class) return ZONED;
        if (type == MicroTime.class) return MICRO_TIME;
        return null;
    }

    private static final JsonDeserializer<ZonedDateTime> ZONED = new JsonDeserializer<>() {
        @Override
        public ZonedDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            check(p, ctxt, ZonedDateTime.class);
            return null;
        }
    };

    private static final JsonDeserializer<MicroTime> MICRO_TIME = new JsonDeserializer<>() {
        @Override
        public MicroTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new MicroTime(check(p, ctxt, MicroTime.class));
        }
    };

    private static String check(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            ctxt.handleUnexpectedToken(type, p);
            return null;
        }
        String text = p.getText();
        Optional<String> error = MicroTimes.error(text);
        if (error.isPresent()) throw new BadMicroTime(p, error.get());
        return text;
    }
}
