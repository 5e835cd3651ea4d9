// The key material a Java server's TLS uses: a key store file read by the JDK's own KeyStore (PKCS12 or JKS), with
// key managers limited to one alias, the way WildFly Elytron's key-manager alias-filter and WebLogic's
// serverPrivateKeyAlias choose the server's key among the store's entries.
package certdeck.fakes;

import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

final class IdentityKeyStore {
    private IdentityKeyStore() {}

    // The store as the JDK reads it; throws with the JDK's own message (wrong password, not a key store).
    static KeyStore load(String path, String type, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = new FileInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    // Key managers over `alias` of `store` only; throws when the alias holds no key the password opens.
    static KeyManager[] keyManagers(KeyStore store, String alias, char[] keyPassword) throws Exception {
        if (!store.isKeyEntry(alias)) {
            throw new IllegalArgumentException("the key store has no key entry '" + alias + "' (it holds "
                    + String.join(", ", Collections.list(store.aliases())) + ")");
        }
        KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry(alias,
                new KeyStore.PasswordProtection(keyPassword));
        KeyStore only = KeyStore.getInstance("PKCS12");
        only.load(null, null);
        Certificate[] chain = entry.getCertificateChain();
        only.setKeyEntry(alias, entry.getPrivateKey(), keyPassword, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(only, keyPassword);
        return factory.getKeyManagers();
    }
}
