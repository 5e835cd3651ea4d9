// HTTP Digest access authentication on the server side, as WildFly's management interface does it for the
// ManagementRealm: RFC 7616 (and RFC 2617) with algorithm MD5 and qop "auth". A request without credentials, with a
// nonce this server did not issue, a reused nonce count, a wrong uri or a wrong response gets 401 and a fresh
// challenge: WWW-Authenticate: Digest realm="ManagementRealm", nonce="...", opaque="...", algorithm=MD5, qop="auth".
package certdeck.fakes;

import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class HttpDigest {
    private final String realm;
    private final Map<String, String> passwords; // user -> password
    private final Map<String, Long> nonces = new ConcurrentHashMap<>(); // issued nonce -> highest nc seen
    private final String opaque = random();

    HttpDigest(String realm, Map<String, String> passwords) {
        this.realm = realm;
        this.passwords = passwords;
    }

    // The authenticated user, or null after a 401 with a new challenge was prepared in `exchange`'s headers.
    String authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String user = header != null && header.regionMatches(true, 0, "Digest ", 0, 7) ? verify(exchange, header)
                                                                                       : null;
        if (user == null) {
            String nonce = random();
            nonces.put(nonce, 0L);
            exchange.getResponseHeaders().add("WWW-Authenticate",
                    "Digest realm=\"" + realm + "\", domain=\"/management\", nonce=\"" + nonce + "\", opaque=\""
                            + opaque + "\", algorithm=MD5, qop=\"auth\"");
        }
        return user;
    }

    private String verify(HttpExchange exchange, String header) {
        Map<String, String> fields = parse(header.substring(7));
        String user = fields.get("username");
        String nonce = fields.get("nonce");
        String password = user == null ? null : passwords.get(user);
        if (password == null || nonce == null || !realm.equals(fields.get("realm")) || !"auth".equals(fields.get("qop"))
                || (fields.containsKey("algorithm") && !"MD5".equalsIgnoreCase(fields.get("algorithm")))) {
            return null;
        }
        Long lastCount = nonces.get(nonce);
        if (lastCount == null) {
            return null; // not issued here
        }
        long count;
        try {
            count = Long.parseLong(fields.getOrDefault("nc", ""), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        String uri = fields.get("uri");
        if (count <= lastCount || uri == null || !uri.equals(exchange.getRequestURI().toString())) {
            return null; // a replayed nonce count, or credentials for another request
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(exchange.getRequestMethod() + ":" + uri);
        String expected = md5(ha1 + ":" + nonce + ":" + fields.get("nc") + ":" + fields.get("cnonce") + ":auth:" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(fields.get("response")).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        nonces.put(nonce, count);
        return user;
    }

    // key=value and key="quoted value" pairs separated by commas
    private static Map<String, String> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        int at = 0;
        while (at < text.length()) {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == ',')) {
                ++at;
            }
            int equals = text.indexOf('=', at);
            if (equals < 0) {
                break;
            }
            String key = text.substring(at, equals).trim().toLowerCase();
            at = equals + 1;
            String value;
            if (at < text.length() && text.charAt(at) == '"') {
                int end = text.indexOf('"', at + 1);
                if (end < 0) {
                    break;
                }
                value = text.substring(at + 1, end);
                at = end + 1;
            } else {
                int end = text.indexOf(',', at);
                end = end < 0 ? text.length() : end;
                value = text.substring(at, end).trim();
                at = end;
            }
            fields.put(key, value);
        }
        return fields;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
