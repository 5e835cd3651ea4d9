// A minimal JSON reader and writer (RFC 8259) for the management API fakes: objects become LinkedHashMap, arrays
// ArrayList, numbers Double or Long, true/false Boolean, null null. The fakes stay free of third-party jars.
package certdeck.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json reader = new Json(text);
        Object value = reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + reader.at);
        }
        return value;
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            }
        }
        return out.append('"').toString();
    }

    // {"k": "v", ...} from alternating keys and already-encoded values.
    static String object(String... keysAndEncodedValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i + 1 < keysAndEncodedValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(keysAndEncodedValues[i])).append(':').append(keysAndEncodedValues[i + 1]);
        }
        return out.append('}').toString();
    }

    // The JSON text of a value as parse() returns them (Map, List, String, Number, Boolean, null).
    @SuppressWarnings("unchecked")
    static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return number == Math.rint(number) && !Double.isInfinite(number) ? Long.toString(number.longValue())
                                                                              : number.toString();
        }
        StringBuilder out = new StringBuilder();
        if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(entry.getKey())).append(':').append(write(entry.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<Object>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(write(item));
            }
            return out.append(']').toString();
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            ++at;
        }
    }

    private char next() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return text.charAt(at++);
    }

    private void expect(String word) {
        if (!text.startsWith(word, at)) {
            throw new IllegalArgumentException("expected " + word + " at " + at);
        }
        at += word.length();
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        char c = text.charAt(at);
        switch (c) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string();
        case 't':
            expect("true");
            return Boolean.TRUE;
        case 'f':
            expect("false");
            return Boolean.FALSE;
        case 'n':
            expect("null");
            return null;
        default:
            return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        next(); // {
        space();
        if (text.startsWith("}", at)) {
            ++at;
            return map;
        }
        while (true) {
            space();
            String key = string();
            space();
            if (next() != ':') {
                throw new IllegalArgumentException("expected : at " + at);
            }
            map.put(key, value());
            space();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at " + at);
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        next(); // [
        space();
        if (text.startsWith("]", at)) {
            ++at;
            return list;
        }
        while (true) {
            list.add(value());
            space();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or ] at " + at);
            }
        }
    }

    private String string() {
        if (next() != '"') {
            throw new IllegalArgumentException("expected a string at " + (at - 1));
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                at += 4;
            }
            default -> out.append(e);
            }
        }
    }

    private Object number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            ++at;
        }
        String number = text.substring(start, at);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("unexpected character at " + start);
        }
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
    }
}
