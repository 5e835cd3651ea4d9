// The fakes' standard input: first the test's own test passwords as "key=value" lines up to a line ".", so that they
// appear in no argv, environment or file; then control lines from the test (an injected failure), each handed to a
// handler. "ready" on standard output tells the fixture the fake listens.
package certdeck.fakes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

final class FakeConsole {
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    Map<String, String> readSecrets() throws IOException {
        Map<String, String> secrets = new HashMap<>();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                secrets.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return secrets;
    }

    // Runs `handler` for every further line on a daemon thread; end of input (the fixture went away) ends the JVM.
    void onCommands(Consumer<String> handler) {
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    handler.accept(line.trim());
                }
            } catch (IOException e) {
                // fall through: the fixture is gone
            }
            System.exit(0);
        }, "console");
        reader.setDaemon(true);
        reader.start();
    }

    // "name=a,path=/x,type=PKCS12" -> map
    static Map<String, String> options(String spec) {
        Map<String, String> options = new HashMap<>();
        for (String part : spec.split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                options.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return options;
    }

    static String required(Map<String, String> map, String key, String what) {
        String value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(what + ": " + key + " is missing");
        }
        return value;
    }
}
