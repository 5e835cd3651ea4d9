// A protocol-faithful fake of the Kubernetes API server for the parts a certificate deployment uses, written from the
// Kubernetes API reference and API concepts:
//   https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/ (Secret: data with
//     base64 values, stringData merged into data on write, type; kubernetes.io/tls needs tls.crt and tls.key, the type
//     is immutable)
//   https://kubernetes.io/docs/reference/using-api/api-concepts/ (resourceVersion and optimistic concurrency: a PUT
//     with a stale metadata.resourceVersion is refused with 409 Conflict; lists carry metadata.resourceVersion and
//     items; fieldSelector; errors are metav1.Status objects with reason and code; DeleteOptions preconditions)
//   https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/ (PATCH with
//     application/strategic-merge-patch+json or application/merge-patch+json, as `kubectl rollout restart` sends)
//   https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/ (spec.tls[].secretName, hosts)
// and the legacy discovery documents (/version, /api, /api/v1, /apis, /apis/<group>/<version>) that kubectl and the
// Python client read first. HTTPS only (JSSE, the server certificate and key from a PKCS12 file), bearer tokens
// ("Authorization: Bearer ..."; 401 Unauthorized otherwise) or a client certificate signed by --client-ca.
//
// java -cp fakes.jar certdeck.fakes.KubernetesApiFake --port P --key-store server.p12 [--client-ca ca.pem]
// Standard input: "key-store=password" and "token=..." lines (several tokens allowed), then ".". Then control lines,
// each acknowledged with one output line:
//   add-namespace NS | add-deployment NS NAME | add-ingress NS NAME SECRET HOST[,HOST...]
//   concurrent-write NS NAME COUNT   the next COUNT PUTs of that Secret first meet a write of another client
//                                    (its resourceVersion moves on), so they answer 409 Conflict as the API would
//   fail-next METHOD STATUS          the next request with METHOD answers STATUS (InternalError and the like)
package certdeck.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

public final class KubernetesApiFake {
    // Thrown by a handler: the metav1.Status to answer.
    private static final class StatusError extends Exception {
        final int code;
        final String reason;
        final String kind;
        final String name;
        final List<Object> causes;

        StatusError(int code, String reason, String message, String kind, String name, List<Object> causes) {
            super(message);
            this.code = code;
            this.reason = reason;
            this.kind = kind;
            this.name = name;
            this.causes = causes;
        }

        StatusError(int code, String reason, String message) {
            this(code, reason, message, null, null, null);
        }
    }

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final int MAX_SECRET_BYTES = 1024 * 1024;

    // "secrets/ns/name" -> object; a global revision like etcd's.
    private final Map<String, Map<String, Object>> objects = new TreeMap<>();
    private final Set<String> namespaces = new HashSet<>();
    private final Map<String, Integer> concurrentWrites = new HashMap<>();
    private final Map<String, Integer> failNext = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private long revision = 100;
    private boolean clientCertificates;
    private int port;

    public static void main(String[] args) throws Exception {
        new KubernetesApiFake().run(args);
    }

    private void run(String[] args) throws Exception {
        FakeConsole console = new FakeConsole();
        Map<String, String> secrets = console.readSecrets();
        String keyStorePath = null;
        String clientCa = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
            case "--port" -> port = Integer.parseInt(args[i + 1]);
            case "--key-store" -> keyStorePath = args[i + 1];
            case "--client-ca" -> clientCa = args[i + 1];
            default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            if (entry.getKey().startsWith("token")) {
                tokens.add(entry.getValue());
            }
        }
        char[] password = FakeConsole.required(secrets, "key-store", "stdin").toCharArray();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(FakeConsole.required(Map.of("p", String.valueOf(keyStorePath)), "p",
                "--key-store"))) {
            identity.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        TrustManagerFactory trust = null;
        if (clientCa != null) {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (var certificate : factory.generateCertificates(
                         new ByteArrayInputStream(Files.readAllBytes(Path.of(clientCa))))) {
                anchors.setCertificateEntry("ca" + n++, certificate);
            }
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            clientCertificates = true;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), new SecureRandom());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 32);
        final boolean wantClientAuth = clientCertificates;
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setWantClientAuth(wantClientAuth); // a token client sends none; the API server does the same
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", this::handle);
        // kubectl reads the discovery documents over several connections at once.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        namespaces.add("default");
        namespaces.add("kube-system");
        console.onCommands(this::command);
        System.out.println("ready");
    }

    private synchronized void command(String line) {
        String[] words = line.split("\\s+");
        try {
            switch (words[0]) {
            case "add-namespace" -> namespaces.add(words[1]);
            case "add-deployment" -> addDeployment(words[1], words[2]);
            case "add-ingress" -> addIngress(words[1], words[2], words[3], List.of(words[4].split(",")));
            case "concurrent-write" -> concurrentWrites.put("secrets/" + words[1] + "/" + words[2],
                    Integer.parseInt(words[3]));
            case "fail-next" -> failNext.put(words[1], Integer.parseInt(words[2]));
            default -> {
                System.out.println("unknown command " + line);
                return;
            }
            }
            System.out.println("ok " + line);
        } catch (RuntimeException e) {
            System.out.println("bad command " + line + ": " + e);
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int status;
            String answer;
            try {
                authenticate(exchange);
                Integer injected = failNext.remove(method);
                if (injected != null) {
                    throw new StatusError(injected, injected == 503 ? "ServiceUnavailable" : "InternalError",
                            "injected failure of the fake (fail-next " + method + ")");
                }
                Object[] result = route(method, path, query, body, exchange);
                status = (Integer) result[0];
                answer = Json.write(result[1]);
            } catch (StatusError e) {
                status = e.code;
                answer = Json.write(statusObject(e));
            }
            System.out.println(method + " " + path + (query.isEmpty() ? "" : "?" + exchange.getRequestURI()
                    .getRawQuery()) + " -> " + status);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Audit-Id", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            System.out.println("fake error: " + e);
            e.printStackTrace(System.out);
        }
    }

    private void authenticate(HttpExchange exchange) throws StatusError {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring(7).trim())) {
            return;
        }
        if (clientCertificates && exchange instanceof HttpsExchange https) {
            try {
                if (https.getSSLSession().getPeerCertificates().length > 0) {
                    return; // verified against --client-ca by the handshake
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate
            }
        }
        throw new StatusError(401, "Unauthorized", "Unauthorized");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String part : raw.split("&")) {
            int equals = part.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? part : part.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(part.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private Object[] route(String method, String path, Map<String, String> query, byte[] body,
                           HttpExchange exchange) throws StatusError {
        String[] p = path.replaceAll("/+$", "").split("/");
        List<String> parts = new ArrayList<>();
        for (String part : p) {
            if (!part.isEmpty()) {
                parts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        String joined = String.join("/", parts);
        if (method.equals("GET")) {
            switch (joined) {
            case "version" -> {
                return ok(map("major", "1", "minor", "30", "gitVersion", "v1.30.0-certdeck-fake", "gitCommit",
                        "0000000000000000000000000000000000000000", "gitTreeState", "clean", "buildDate",
                        "2024-04-17T00:00:00Z", "goVersion", "go1.22.2", "compiler", "gc", "platform", "linux/amd64"));
            }
            case "api" -> {
                return ok(map("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs",
                        List.of(map("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:" + port))));
            }
            case "api/v1" -> {
                return ok(resourceList("v1", resource("namespaces", "namespace", false, "Namespace", "ns"),
                        resource("secrets", "secret", true, "Secret", null)));
            }
            case "apis" -> {
                return ok(map("kind", "APIGroupList", "apiVersion", "v1", "groups",
                        List.of(group("apps"), group("networking.k8s.io"))));
            }
            case "apis/apps/v1" -> {
                return ok(resourceList("apps/v1", resource("deployments", "deployment", true, "Deployment", "deploy")));
            }
            case "apis/networking.k8s.io/v1" -> {
                return ok(resourceList("networking.k8s.io/v1",
                        resource("ingresses", "ingress", true, "Ingress", "ing")));
            }
            default -> {
            }
            }
        }
        // /api/v1/namespaces[/{ns}[/secrets[/{name}]]], /api/v1/secrets
        if (parts.size() >= 3 && parts.get(0).equals("api") && parts.get(1).equals("v1")) {
            if (parts.size() == 3 && parts.get(2).equals("namespaces") && method.equals("GET")) {
                return ok(namespaceList());
            }
            if (parts.size() == 3 && parts.get(2).equals("secrets") && method.equals("GET")) {
                return ok(list("SecretList", "v1", "secrets/", query));
            }
            if (parts.size() == 4 && parts.get(2).equals("namespaces") && method.equals("GET")) {
                if (!namespaces.contains(parts.get(3))) {
                    throw notFound("namespaces", parts.get(3));
                }
                return ok(namespaceObject(parts.get(3)));
            }
            if (parts.size() >= 5 && parts.get(2).equals("namespaces") && parts.get(4).equals("secrets")) {
                return secrets(method, parts.get(3), parts.size() > 5 ? parts.get(5) : null, query, body, exchange);
            }
        }
        // /apis/apps/v1/namespaces/{ns}/deployments[/{name}]
        if (parts.size() >= 6 && parts.get(0).equals("apis") && parts.get(1).equals("apps") && parts.get(2).equals("v1")
                && parts.get(3).equals("namespaces") && parts.get(5).equals("deployments")) {
            return deployments(method, parts.get(4), parts.size() > 6 ? parts.get(6) : null, query, body, exchange);
        }
        if (parts.size() >= 4 && parts.get(0).equals("apis") && parts.get(1).equals("networking.k8s.io")
                && parts.get(2).equals("v1") && method.equals("GET")) {
            if (parts.size() == 4 && parts.get(3).equals("ingresses")) {
                return ok(list("IngressList", "networking.k8s.io/v1", "ingresses/", query));
            }
            if (parts.size() == 6 && parts.get(3).equals("namespaces") && parts.get(5).equals("ingresses")) {
                requireNamespace(parts.get(4));
                return ok(list("IngressList", "networking.k8s.io/v1", "ingresses/" + parts.get(4) + "/", query));
            }
        }
        throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    }

    // ---- Secrets ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Object[] secrets(String method, String namespace, String name, Map<String, String> query, byte[] body,
                             HttpExchange exchange) throws StatusError {
        requireNamespace(namespace);
        if (name == null) {
            if (method.equals("GET")) {
                return ok(list("SecretList", "v1", "secrets/" + namespace + "/", query));
            }
            if (!method.equals("POST")) {
                throw new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the "
                        + "requested resource");
            }
            Map<String, Object> secret = secretBody(body, exchange);
            Map<String, Object> metadata = metadataOf(secret);
            String created = String.valueOf(metadata.getOrDefault("name", ""));
            validateSecret(secret, created, null);
            String key = "secrets/" + namespace + "/" + created;
            if (objects.containsKey(key)) {
                throw new StatusError(409, "AlreadyExists", "secrets \"" + created + "\" already exists", "secrets",
                        created, null);
            }
            metadata.put("namespace", namespace);
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            metadata.put("resourceVersion", Long.toString(++revision));
            secret.put("apiVersion", "v1");
            secret.put("kind", "Secret");
            objects.put(key, secret);
            return new Object[] {201, secret};
        }
        String key = "secrets/" + namespace + "/" + name;
        Map<String, Object> current = objects.get(key);
        switch (method) {
        case "GET" -> {
            if (current == null) {
                throw notFound("secrets", name);
            }
            return ok(current);
        }
        case "PUT" -> {
            if (current == null) {
                throw notFound("secrets", name); // secrets do not allow create on update
            }
            Integer pending = concurrentWrites.get(key);
            if (pending != null && pending > 0) {
                // Another client writes first: the object moves to a new resourceVersion.
                concurrentWrites.put(key, pending - 1);
                Map<String, Object> annotations = (Map<String, Object>) metadataOf(current)
                        .computeIfAbsent("annotations", k -> new LinkedHashMap<String, Object>());
                annotations.put("fake.certdeck.test/concurrent-writer", Long.toString(revision + 1));
                metadataOf(current).put("resourceVersion", Long.toString(++revision));
                System.out.println("concurrent write of " + key + " -> resourceVersion " + revision);
            }
            Map<String, Object> secret = secretBody(body, exchange);
            Map<String, Object> metadata = metadataOf(secret);
            Object bodyName = metadata.get("name");
            if (bodyName != null && !name.equals(bodyName)) {
                throw new StatusError(400, "BadRequest", "the name of the object (" + bodyName
                        + ") does not match the name on the URL (" + name + ")");
            }
            metadata.put("name", name);
            validateSecret(secret, name, current);
            Map<String, Object> currentMetadata = metadataOf(current);
            Object version = metadata.get("resourceVersion");
            // An update without resourceVersion is unconditional (Secrets allow it); with one it must be current.
            if (version != null && !String.valueOf(version).isEmpty()
                    && !version.equals(currentMetadata.get("resourceVersion"))) {
                throw new StatusError(409, "Conflict", "Operation cannot be fulfilled on secrets \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and "
                        + "try again", "secrets", name, null);
            }
            metadata.put("namespace", namespace);
            metadata.put("uid", currentMetadata.get("uid"));
            metadata.put("creationTimestamp", currentMetadata.get("creationTimestamp"));
            metadata.put("resourceVersion", currentMetadata.get("resourceVersion"));
            secret.put("apiVersion", "v1");
            secret.put("kind", "Secret");
            metadata.put("resourceVersion", Long.toString(++revision)); // (the real API keeps it on a no-op)
            objects.put(key, secret);
            return ok(secret);
        }
        case "DELETE" -> {
            if (current == null) {
                throw notFound("secrets", name);
            }
            if (body.length > 0) {
                Object options = parse(body);
                Object preconditions = options instanceof Map ? ((Map<String, Object>) options).get("preconditions")
                                                              : null;
                if (preconditions instanceof Map) {
                    Object version = ((Map<String, Object>) preconditions).get("resourceVersion");
                    Object actual = metadataOf(current).get("resourceVersion");
                    if (version != null && !version.equals(actual)) {
                        throw new StatusError(409, "Conflict", "Operation cannot be fulfilled on secrets \"" + name
                                + "\": Precondition failed: ResourceVersion in precondition: " + version
                                + ", ResourceVersion in object meta: " + actual, "secrets", name, null);
                    }
                }
            }
            objects.remove(key);
            ++revision;
            return ok(map("kind", "Status", "apiVersion", "v1", "metadata", map(), "status", "Success", "details",
                    map("name", name, "kind", "secrets", "uid", metadataOf(current).get("uid"))));
        }
        default -> throw new StatusError(405, "MethodNotAllowed",
                "the server does not allow this method on the requested resource");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> secretBody(byte[] body, HttpExchange exchange) throws StatusError {
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!type.startsWith("application/json")) {
            throw new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json, application/yaml, "
                    + "application/vnd.kubernetes.protobuf");
        }
        Object parsed = parse(body);
        if (!(parsed instanceof Map)) {
            throw new StatusError(400, "BadRequest", "the object provided is not a Secret");
        }
        Map<String, Object> secret = (Map<String, Object>) parsed;
        if (secret.get("kind") != null && !"Secret".equals(secret.get("kind"))) {
            throw new StatusError(400, "BadRequest", "the object provided is unrecognized (must be of type Secret)");
        }
        secret.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
        secret.putIfAbsent("type", "Opaque");
        // stringData is write-only: merged into data (base64) and never stored or returned.
        Object stringData = secret.remove("stringData");
        Map<String, Object> data = secret.get("data") instanceof Map ? (Map<String, Object>) secret.get("data")
                                                                       : new LinkedHashMap<>();
        if (stringData instanceof Map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) stringData).entrySet()) {
                data.put(entry.getKey(), Base64.getEncoder().encodeToString(
                        String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (!data.isEmpty()) {
            secret.put("data", data);
        } else {
            secret.remove("data");
        }
        return secret;
    }

    @SuppressWarnings("unchecked")
    private static void validateSecret(Map<String, Object> secret, String name, Map<String, Object> current)
            throws StatusError {
        List<Object> causes = new ArrayList<>();
        if (name.isEmpty() || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            causes.add(cause("FieldValueInvalid", "metadata.name", "Invalid value: \"" + name + "\": a lowercase "
                    + "RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"));
        }
        String type = String.valueOf(secret.get("type"));
        Map<String, Object> data = secret.get("data") instanceof Map ? (Map<String, Object>) secret.get("data")
                                                                       : Map.of();
        int size = 0;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            if (!DATA_KEY.matcher(entry.getKey()).matches()) {
                causes.add(cause("FieldValueInvalid", "data[" + entry.getKey() + "]", "Invalid value: \""
                        + entry.getKey() + "\": a valid config key must consist of alphanumeric characters, '-', '_' "
                        + "or '.'"));
            }
            try {
                size += Base64.getDecoder().decode(String.valueOf(entry.getValue())).length;
            } catch (IllegalArgumentException e) {
                throw new StatusError(400, "BadRequest", "Secret in version \"v1\" cannot be handled as a Secret: "
                        + "illegal base64 data at input byte 0");
            }
        }
        if (size > MAX_SECRET_BYTES) {
            causes.add(cause("FieldValueTooLong", "data", "Too long: must have at most 1048576 bytes"));
        }
        if (type.equals("kubernetes.io/tls")) {
            for (String required : List.of("tls.crt", "tls.key")) {
                if (!data.containsKey(required)) {
                    causes.add(cause("FieldValueRequired", "data[" + required + "]", "Required value"));
                }
            }
        }
        if (current != null && !type.equals(String.valueOf(current.get("type")))) {
            causes.add(cause("FieldValueInvalid", "type", "Invalid value: \"" + type + "\": field is immutable"));
        }
        if (!causes.isEmpty()) {
            StringBuilder message = new StringBuilder("Secret \"" + name + "\" is invalid: ");
            for (int i = 0; i < causes.size(); ++i) {
                Map<String, Object> c = (Map<String, Object>) causes.get(i);
                message.append(i == 0 ? "" : ", ").append(c.get("field")).append(": ").append(c.get("message"));
            }
            throw new StatusError(422, "Invalid", message.toString(), "Secret", name, causes);
        }
    }

    // ---- Deployments and Ingresses ---------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Object[] deployments(String method, String namespace, String name, Map<String, String> query, byte[] body,
                                 HttpExchange exchange) throws StatusError {
        requireNamespace(namespace);
        if (name == null && method.equals("GET")) {
            return ok(list("DeploymentList", "apps/v1", "deployments/" + namespace + "/", query));
        }
        String key = "deployments/" + namespace + "/" + name;
        Map<String, Object> current = objects.get(key);
        if (name == null || current == null) {
            throw notFound("deployments.apps", String.valueOf(name));
        }
        if (method.equals("GET")) {
            return ok(current);
        }
        if (!method.equals("PATCH")) {
            throw new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the "
                    + "requested resource");
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!type.startsWith("application/strategic-merge-patch+json")
                && !type.startsWith("application/merge-patch+json")) {
            throw new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/apply-patch+yaml, application/strategic-merge-patch+json");
        }
        Object patch = parse(body);
        if (!(patch instanceof Map)) {
            throw new StatusError(400, "BadRequest", "the patch is not a JSON object");
        }
        String before = Json.write(current.get("spec"));
        merge(current, (Map<String, Object>) patch);
        Map<String, Object> metadata = metadataOf(current);
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (!before.equals(Json.write(current.get("spec")))) {
            metadata.put("generation", ((Number) metadata.get("generation")).longValue() + 1);
        }
        metadata.put("resourceVersion", Long.toString(++revision));
        return ok(current);
    }

    // RFC 7386 merge (maps merge, null deletes, everything else replaces); for the maps of a Deployment's pod
    // template annotations that is also what a strategic merge patch does.
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            if (entry.getValue() == null) {
                target.remove(entry.getKey());
            } else if (entry.getValue() instanceof Map && target.get(entry.getKey()) instanceof Map) {
                merge((Map<String, Object>) target.get(entry.getKey()), (Map<String, Object>) entry.getValue());
            } else {
                target.put(entry.getKey(), entry.getValue());
            }
        }
    }

    private void addDeployment(String namespace, String name) {
        namespaces.add(namespace);
        Map<String, Object> labels = map("app", name);
        objects.put("deployments/" + namespace + "/" + name, map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", newMetadata(namespace, name, map("generation", 1L)), "spec", map("replicas", 1L,
                        "selector", map("matchLabels", labels), "template", map("metadata", map("labels", labels),
                                "spec", map("containers", List.of(map("name", "app", "image",
                                        "registry.invalid/app:1")))))));
    }

    private void addIngress(String namespace, String name, String secret, List<String> hosts) {
        namespaces.add(namespace);
        List<Object> rules = new ArrayList<>();
        for (String host : hosts) {
            rules.add(map("host", host, "http", map("paths", List.of(map("path", "/", "pathType", "Prefix",
                    "backend", map("service", map("name", name, "port", map("number", 80L))))))));
        }
        objects.put("ingresses/" + namespace + "/" + name, map("apiVersion", "networking.k8s.io/v1", "kind",
                "Ingress", "metadata", newMetadata(namespace, name, map("generation", 1L)), "spec",
                map("tls", List.of(map("hosts", new ArrayList<Object>(hosts), "secretName", secret)), "rules",
                        rules)));
    }

    // ---- Lists, namespaces, discovery ------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> list(String kind, String apiVersion, String prefix, Map<String, String> query)
            throws StatusError {
        String selector = query.getOrDefault("fieldSelector", "");
        String wantedType = null;
        if (!selector.isEmpty()) {
            Matcher matcher = Pattern.compile("type=(.*)").matcher(selector);
            if (!kind.equals("SecretList") || !matcher.matches()) {
                throw new StatusError(400, "BadRequest", "\"" + selector + "\" is not a known field selector: only "
                        + "\"metadata.name\", \"metadata.namespace\", \"type\"");
            }
            wantedType = matcher.group(1);
        }
        List<Object> items = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : objects.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            if (wantedType != null && !wantedType.equals(entry.getValue().get("type"))) {
                continue;
            }
            // List items carry no kind and apiVersion of their own, as the API server writes them.
            Map<String, Object> item = new LinkedHashMap<>(entry.getValue());
            item.remove("kind");
            item.remove("apiVersion");
            items.add(item);
        }
        return map("kind", kind, "apiVersion", apiVersion, "metadata", map("resourceVersion",
                Long.toString(revision)), "items", items);
    }

    private Map<String, Object> namespaceList() {
        List<Object> items = new ArrayList<>();
        for (String namespace : new java.util.TreeSet<>(namespaces)) {
            Map<String, Object> item = namespaceObject(namespace);
            item.remove("kind");
            item.remove("apiVersion");
            items.add(item);
        }
        return map("kind", "NamespaceList", "apiVersion", "v1", "metadata", map("resourceVersion",
                Long.toString(revision)), "items", items);
    }

    private Map<String, Object> namespaceObject(String namespace) {
        return map("kind", "Namespace", "apiVersion", "v1", "metadata", map("name", namespace, "uid",
                UUID.nameUUIDFromBytes(namespace.getBytes(StandardCharsets.UTF_8)).toString(), "resourceVersion",
                "1", "labels", map("kubernetes.io/metadata.name", namespace)), "spec",
                map("finalizers", List.of("kubernetes")), "status", map("phase", "Active"));
    }

    private void requireNamespace(String namespace) throws StatusError {
        if (!namespaces.contains(namespace)) {
            throw notFound("namespaces", namespace);
        }
    }

    private Map<String, Object> newMetadata(String namespace, String name, Map<String, Object> extra) {
        Map<String, Object> metadata = map("name", name, "namespace", namespace, "uid", UUID.randomUUID().toString(),
                "resourceVersion", Long.toString(++revision), "creationTimestamp",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.putAll(extra);
        return metadata;
    }

    private static Map<String, Object> resourceList(String groupVersion, Object... resources) {
        return map("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources",
                List.of(resources));
    }

    private static Map<String, Object> resource(String name, String singular, boolean namespaced, String kind,
                                                String shortName) {
        Map<String, Object> resource = map("name", name, "singularName", singular, "namespaced", namespaced, "kind",
                kind, "verbs", List.of("create", "delete", "get", "list", "patch", "update", "watch"));
        if (shortName != null) {
            resource.put("shortNames", List.of(shortName));
        }
        return resource;
    }

    private static Map<String, Object> group(String name) {
        Map<String, Object> version = map("groupVersion", name + "/v1", "version", "v1");
        return map("name", name, "versions", List.of(version), "preferredVersion", version);
    }

    // ---- metav1.Status and helpers ---------------------------------------------------------------------------

    private static Map<String, Object> statusObject(StatusError error) {
        Map<String, Object> status = map("kind", "Status", "apiVersion", "v1", "metadata", map(), "status",
                "Failure", "message", error.getMessage(), "reason", error.reason, "code", (long) error.code);
        if (error.kind != null) {
            Map<String, Object> details = map("name", error.name, "kind", error.kind);
            if (error.causes != null) {
                details.put("causes", error.causes);
            }
            status.put("details", details);
        }
        return status;
    }

    private static StatusError notFound(String kind, String name) {
        return new StatusError(404, "NotFound", kind + " \"" + name + "\" not found", kind, name, null);
    }

    private static Map<String, Object> cause(String reason, String field, String message) {
        return map("reason", reason, "message", message, "field", field);
    }

    private static Object parse(byte[] body) throws StatusError {
        try {
            return Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new StatusError(400, "BadRequest", "the body of the request is not JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
    }

    private static Object[] ok(Object body) {
        return new Object[] {200, body};
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
