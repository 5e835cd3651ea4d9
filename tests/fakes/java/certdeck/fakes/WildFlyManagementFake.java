// A protocol-faithful fake of WildFly's HTTP management interface for the Elytron TLS key material, following the
// WildFly Admin Guide, "The HTTP management API" (POST /management with a JSON DMR operation, Content-Type
// application/json, HTTP Digest against the ManagementRealm, replies {"outcome":"success","result":...} or
// {"outcome":"failed","failure-description":"WFLY...","rolled-back":true} with HTTP 500), and the Elytron subsystem
// reference for key-store `load` (reads the file again with the key-store's credential-reference) and key-manager
// `init` (rebuilds the key manager from its key-store, filtered by alias-filter).
//
// Each key-manager serves a REAL JVM TLS listener (JvmTlsListener). A `load` replaces only the key-store's in-memory
// content; the listener switches to the new certificate only at the key-manager's `init`, as in WildFly.
//
// java -cp fakes.jar certdeck.fakes.WildFlyManagementFake --management-port P --user NAME
//     --key-store name=applicationKS,path=/x.p12,type=PKCS12
//     --key-manager name=applicationKM,key-store=applicationKS,alias-filter=server,tls-port=N
// Standard input: "user.NAME=password" and "key-store.NAME=password" lines, then ".".
package certdeck.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class WildFlyManagementFake {
    private static final class KeyStoreResource {
        String path;
        String type;
        char[] password;
        KeyStore loaded; // what the last `load` (or the start) read
    }

    private static final class KeyManagerResource {
        String keyStore;
        String aliasFilter;
        JvmTlsListener listener;
    }

    private final Map<String, KeyStoreResource> keyStores = new HashMap<>();
    private final Map<String, KeyManagerResource> keyManagers = new HashMap<>();
    private HttpDigest digest;

    public static void main(String[] args) throws Exception {
        new WildFlyManagementFake().run(args);
    }

    private void run(String[] args) throws Exception {
        FakeConsole console = new FakeConsole();
        Map<String, String> secrets = console.readSecrets();
        int managementPort = 0;
        List<String> users = new ArrayList<>();
        List<Map<String, String>> managerSpecs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
            case "--management-port" -> managementPort = Integer.parseInt(args[i + 1]);
            case "--user" -> users.add(args[i + 1]);
            case "--key-store" -> {
                Map<String, String> spec = FakeConsole.options(args[i + 1]);
                KeyStoreResource store = new KeyStoreResource();
                String name = FakeConsole.required(spec, "name", "--key-store");
                store.path = FakeConsole.required(spec, "path", "--key-store");
                store.type = spec.getOrDefault("type", "PKCS12");
                store.password = FakeConsole.required(secrets, "key-store." + name, "stdin").toCharArray();
                store.loaded = IdentityKeyStore.load(store.path, store.type, store.password);
                keyStores.put(name, store);
            }
            case "--key-manager" -> managerSpecs.add(FakeConsole.options(args[i + 1]));
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (Map<String, String> spec : managerSpecs) {
            KeyManagerResource manager = new KeyManagerResource();
            String name = FakeConsole.required(spec, "name", "--key-manager");
            manager.keyStore = FakeConsole.required(spec, "key-store", "--key-manager");
            manager.aliasFilter = FakeConsole.required(spec, "alias-filter", "--key-manager");
            KeyStoreResource store = keyStores.get(manager.keyStore);
            manager.listener = new JvmTlsListener(name,
                    Integer.parseInt(FakeConsole.required(spec, "tls-port", "--key-manager")),
                    IdentityKeyStore.keyManagers(store.loaded, manager.aliasFilter, store.password));
            keyManagers.put(name, manager);
        }
        Map<String, String> passwords = new HashMap<>();
        for (String user : users) {
            passwords.put(user, FakeConsole.required(secrets, "user." + user, "stdin"));
        }
        digest = new HttpDigest("ManagementRealm", passwords);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), managementPort),
                16);
        server.createContext("/management", this::handle);
        server.start();
        console.onCommands(line -> System.out.println("unknown command " + line));
        System.out.println("ready");
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String user = digest.authenticate(exchange);
            if (user == null) {
                reply(exchange, 401, "");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, failed("WFLYDMHTTP0009: Only POST changes or reads the model in this fake"));
                return;
            }
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!contentType.startsWith("application/json")) {
                reply(exchange, 415, failed("WFLYDMHTTP0010: Content-Type application/json is required"));
                return;
            }
            Object body;
            try {
                body = Json.parse(new String(request, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, failed("WFLYCTL0030: The operation is not valid JSON: " + e.getMessage()));
                return;
            }
            String outcome = execute(body);
            System.out.println("management " + user + ": " + outcome);
            reply(exchange, outcome.contains("\"outcome\":\"success\"") ? 200 : 500, outcome);
        }
    }

    @SuppressWarnings("unchecked")
    private String execute(Object body) {
        if (!(body instanceof Map)) {
            return failed("WFLYCTL0030: The operation must be a JSON object");
        }
        Map<String, Object> operation = (Map<String, Object>) body;
        String name = String.valueOf(operation.get("operation"));
        Object address = operation.get("address");
        List<Object> steps = address instanceof List ? (List<Object>) address : List.of();
        if (steps.size() != 2 || !(steps.get(0) instanceof Map) || !(steps.get(1) instanceof Map)
                || !"elytron".equals(((Map<String, Object>) steps.get(0)).get("subsystem"))) {
            return failed("WFLYCTL0216: Management resource '" + describe(steps) + "' not found");
        }
        Map<String, Object> resource = (Map<String, Object>) steps.get(1);
        if (resource.containsKey("key-store")) {
            String keyStore = String.valueOf(resource.get("key-store"));
            KeyStoreResource store = keyStores.get(keyStore);
            if (store == null) {
                return failed("WFLYCTL0216: Management resource '" + describe(steps) + "' not found");
            }
            if (!"load".equals(name)) {
                return failed("WFLYCTL0031: No operation named '" + name + "' exists at address " + describe(steps));
            }
            try {
                store.loaded = IdentityKeyStore.load(store.path, store.type, store.password);
                return success();
            } catch (Exception e) {
                return failed("WFLYELY00004: Unable to start the service. Cause: " + e);
            }
        }
        if (resource.containsKey("key-manager")) {
            KeyManagerResource manager = keyManagers.get(String.valueOf(resource.get("key-manager")));
            if (manager == null) {
                return failed("WFLYCTL0216: Management resource '" + describe(steps) + "' not found");
            }
            if (!"init".equals(name)) {
                return failed("WFLYCTL0031: No operation named '" + name + "' exists at address " + describe(steps));
            }
            KeyStoreResource store = keyStores.get(manager.keyStore);
            try {
                manager.listener.switchTo(
                        IdentityKeyStore.keyManagers(store.loaded, manager.aliasFilter, store.password));
                return success();
            } catch (Exception e) {
                return failed("WFLYELY00004: Unable to start the service. Cause: " + e);
            }
        }
        return failed("WFLYCTL0216: Management resource '" + describe(steps) + "' not found");
    }

    @SuppressWarnings("unchecked")
    private static String describe(List<Object> steps) {
        StringBuilder out = new StringBuilder("[");
        for (Object step : steps) {
            if (step instanceof Map) {
                for (Map.Entry<String, Object> entry : ((Map<String, Object>) step).entrySet()) {
                    if (out.length() > 1) {
                        out.append(',');
                    }
                    out.append("(\"").append(entry.getKey()).append("\" => \"").append(entry.getValue()).append("\")");
                }
            }
        }
        return out.append(']').toString();
    }

    private static String success() {
        return Json.object("outcome", Json.quote("success"));
    }

    private static String failed(String description) {
        return Json.object("outcome", Json.quote("failed"), "failure-description", Json.quote(description),
                "rolled-back", "true");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
