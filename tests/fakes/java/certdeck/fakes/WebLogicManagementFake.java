// A protocol-faithful fake of the WebLogic Administration Server's RESTful management API for a server's SSL
// identity, following "Oracle WebLogic Server RESTful Management API" (/management/weblogic/latest/edit; the Change
// Manager actions startEdit, activate, cancelEdit; the ServerMBean attributes keyStores,
// customIdentityKeyStoreFileName, customIdentityKeyStoreType, customIdentityKeyStorePassPhrase and the SSLMBean
// attributes serverPrivateKeyAlias, serverPrivateKeyPassPhrase) and "Send Requests" (HTTP Basic, X-Requested-By
// required on POST: 400 without it; JSON bodies; errors as {"status":..., "detail":...}).
//
// The edit lock: startEdit takes it for the user (another user's startEdit while it is held fails); edits need the
// caller's explicit session (a real WebLogic would run an implicit session when nobody holds the lock: the fake
// refuses that so that a client that forgets startEdit is caught); activate applies the pending changes or fails and
// changes nothing (the session stays open); cancelEdit discards them and releases the lock. GET changeManager shows
// the lock.
//
// Each server has a REAL JVM TLS listener (JvmTlsListener). It switches only on activate, after the new identity
// key store was read by the JDK with the pass phrases and alias of the activated configuration.
//
// java -cp fakes.jar certdeck.fakes.WebLogicManagementFake --admin-port P --user NAME [--user NAME2]
//     --server name=AdminServer,tls-port=N,identity=/x.p12,type=PKCS12,alias=server
// Standard input: "user.NAME=password" and "server.NAME.identity=pass phrase" lines, then "."; afterwards the
// control line "fail-next-activate <detail>" makes the next activate fail as a refused activation does.
package certdeck.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.KeyManager;

public final class WebLogicManagementFake {
    private static final String kEdit = "/management/weblogic/latest/edit/";
    private static final Set<String> kServerAttributes = Set.of("keyStores", "customIdentityKeyStoreFileName",
            "customIdentityKeyStoreType", "customIdentityKeyStorePassPhrase");
    private static final Set<String> kSslAttributes = Set.of("serverPrivateKeyAlias", "serverPrivateKeyPassPhrase");

    private static final class Server {
        Map<String, String> active = new HashMap<>(); // the activated attributes, server and SSL together
        JvmTlsListener listener;
    }

    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Map<String, String>> pending = new HashMap<>(); // server -> changed attributes
    private String lockOwner; // null: no edit session
    private String failNextActivate;

    public static void main(String[] args) throws Exception {
        new WebLogicManagementFake().run(args);
    }

    private void run(String[] args) throws Exception {
        FakeConsole console = new FakeConsole();
        Map<String, String> secrets = console.readSecrets();
        int adminPort = 0;
        List<String> users = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
            case "--admin-port" -> adminPort = Integer.parseInt(args[i + 1]);
            case "--user" -> users.add(args[i + 1]);
            case "--server" -> {
                Map<String, String> spec = FakeConsole.options(args[i + 1]);
                String name = FakeConsole.required(spec, "name", "--server");
                String passPhrase = FakeConsole.required(secrets, "server." + name + ".identity", "stdin");
                Server server = new Server();
                server.active.put("keyStores", "CustomIdentityAndJavaStandardTrust");
                server.active.put("customIdentityKeyStoreFileName", FakeConsole.required(spec, "identity", name));
                server.active.put("customIdentityKeyStoreType", spec.getOrDefault("type", "PKCS12"));
                server.active.put("customIdentityKeyStorePassPhrase", passPhrase);
                server.active.put("serverPrivateKeyAlias", FakeConsole.required(spec, "alias", name));
                server.active.put("serverPrivateKeyPassPhrase", passPhrase);
                server.listener = new JvmTlsListener(name,
                        Integer.parseInt(FakeConsole.required(spec, "tls-port", name)), identityOf(server.active));
                servers.put(name, server);
            }
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (String user : users) {
            passwords.put(user, FakeConsole.required(secrets, "user." + user, "stdin"));
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), adminPort), 16);
        http.createContext("/management/weblogic/latest/", this::handle);
        http.start();
        console.onCommands(this::command);
        System.out.println("ready");
    }

    private synchronized void command(String line) {
        if (line.startsWith("fail-next-activate")) {
            failNextActivate = line.substring("fail-next-activate".length()).trim();
            System.out.println("the next activate fails");
        }
    }

    // The key managers of an identity: the JDK reads the store with the pass phrase, the key under the alias.
    private static KeyManager[] identityOf(Map<String, String> attributes) throws Exception {
        if (!"CustomIdentityAndJavaStandardTrust".equals(attributes.get("keyStores"))
                && !"CustomIdentityAndCustomTrust".equals(attributes.get("keyStores"))) {
            throw new IllegalArgumentException("keyStores " + attributes.get("keyStores") + " has no custom identity");
        }
        KeyStore store = IdentityKeyStore.load(attributes.get("customIdentityKeyStoreFileName"),
                attributes.get("customIdentityKeyStoreType"),
                attributes.getOrDefault("customIdentityKeyStorePassPhrase", "").toCharArray());
        return IdentityKeyStore.keyManagers(store, attributes.get("serverPrivateKeyAlias"),
                attributes.getOrDefault("serverPrivateKeyPassPhrase", "").toCharArray());
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String user = basicUser(exchange);
            if (user == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"weblogic\"");
                reply(exchange, 401, "");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(kEdit + "changeManager")) {
                reply(exchange, 200, Json.object("locked", String.valueOf(lockOwner != null), "user",
                        lockOwner == null ? "null" : Json.quote(lockOwner), "hasChanges",
                        String.valueOf(!pending.isEmpty())));
                return;
            }
            if (!method.equals("POST")) {
                reply(exchange, 405, error(405, "Only POST is supported by this fake on " + path));
                return;
            }
            if (exchange.getRequestHeaders().getFirst("X-Requested-By") == null) {
                reply(exchange, 400, error(400, "The X-Requested-By header is required (CSRF protection)"));
                return;
            }
            Map<String, Object> body;
            try {
                Object parsed = Json.parse(request.length == 0 ? "{}" : new String(request, StandardCharsets.UTF_8));
                if (!(parsed instanceof Map)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) parsed;
                body = object;
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, error(400, "The request body is not valid JSON: " + e.getMessage()));
                return;
            }
            if (!path.startsWith(kEdit)) {
                reply(exchange, 404, error(404, "Not Found"));
                return;
            }
            String resource = path.substring(kEdit.length());
            String answer = dispatch(user, URLDecoder.decode(resource, StandardCharsets.UTF_8), body);
            System.out.println("admin " + user + " " + resource + ": " + answer);
            reply(exchange, answer.startsWith("{\"status\"") ? statusOf(answer) : 200, answer);
        }
    }

    private String dispatch(String user, String resource, Map<String, Object> body) {
        switch (resource) {
        case "changeManager/startEdit":
            if (lockOwner != null && !lockOwner.equals(user)) {
                return error(400, "The edit lock is held by another user (" + lockOwner
                        + "): an edit session is in progress; wait until it is activated or cancelled");
            }
            lockOwner = user;
            return messages("Started edit session, please be sure to save and activate your changes once you are done.");
        case "changeManager/cancelEdit":
            if (lockOwner != null && !lockOwner.equals(user)) {
                return error(400, "The edit session belongs to another user (" + lockOwner + ")");
            }
            pending.clear();
            lockOwner = null;
            return messages("Cancelled edit session.");
        case "changeManager/activate":
            return activate(user);
        default:
            break;
        }
        if (!resource.startsWith("servers/")) {
            return error(404, "Not Found");
        }
        String rest = resource.substring("servers/".length());
        boolean ssl = rest.endsWith("/SSL");
        String name = ssl ? rest.substring(0, rest.length() - "/SSL".length()) : rest;
        if (!servers.containsKey(name)) {
            return error(404, "Not Found: there is no server " + name);
        }
        if (!user.equals(lockOwner)) {
            return error(400, lockOwner == null ? "No edit session: call changeManager/startEdit first"
                                                : "The edit lock is held by another user (" + lockOwner + ")");
        }
        Set<String> allowed = ssl ? kSslAttributes : kServerAttributes;
        for (String attribute : body.keySet()) {
            if (!allowed.contains(attribute)) {
                return error(400, "Unknown property " + attribute + " of " + (ssl ? "SSL" : "server"));
            }
        }
        Map<String, String> changes = pending.computeIfAbsent(name, key -> new HashMap<>());
        body.forEach((attribute, value) -> changes.put(attribute, String.valueOf(value)));
        return "{}";
    }

    private String activate(String user) {
        if (!user.equals(lockOwner)) {
            return error(400, lockOwner == null ? "No edit session to activate: call changeManager/startEdit first"
                                                : "The edit lock is held by another user (" + lockOwner + ")");
        }
        if (failNextActivate != null) {
            String detail = failNextActivate.isEmpty() ? "Activation of the changes failed" : failNextActivate;
            failNextActivate = null;
            return error(400, detail);
        }
        // Every changed server must get a working identity before anything is applied.
        Map<String, KeyManager[]> identities = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> change : pending.entrySet()) {
            Map<String, String> candidate = new HashMap<>(servers.get(change.getKey()).active);
            candidate.putAll(change.getValue());
            try {
                identities.put(change.getKey(), identityOf(candidate));
            } catch (Exception e) {
                return error(400, "Activation failed for server " + change.getKey()
                        + ": the identity key store cannot be used: " + e.getMessage());
            }
        }
        for (Map.Entry<String, KeyManager[]> identity : identities.entrySet()) {
            Server server = servers.get(identity.getKey());
            server.active.putAll(pending.get(identity.getKey()));
            try {
                server.listener.switchTo(identity.getValue());
            } catch (Exception e) {
                return error(500, "The SSL of server " + identity.getKey() + " could not restart: " + e.getMessage());
            }
        }
        pending.clear();
        lockOwner = null;
        return messages("Activated the changes");
    }

    private String basicUser(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String password = passwords.get(user);
        return password != null && password.equals(decoded.substring(colon + 1)) ? user : null;
    }

    private static String messages(String message) {
        return "{\"messages\":[" + Json.object("message", Json.quote(message), "severity", Json.quote("SUCCESS"))
                + "]}";
    }

    private static String error(int status, String detail) {
        return Json.object("status", String.valueOf(status), "detail", Json.quote(detail), "title",
                Json.quote("ERRORS"));
    }

    private static int statusOf(String error) {
        return ((Number) ((Map<?, ?>) Json.parse(error)).get("status")).intValue();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
