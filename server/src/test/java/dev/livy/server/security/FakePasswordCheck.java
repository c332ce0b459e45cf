package dev.livy.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A credential store in memory that can be made unavailable, for tests of the HTTP side of authentication. */
public final class FakePasswordCheck implements PasswordCheck {
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private volatile boolean available = true;

    public FakePasswordCheck with(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public boolean matches(String user, String password) {
        if (!available) {
            throw new CredentialStoreUnavailableException("the fake store is down", null);
        }
        return password.equals(passwords.get(user));
    }
}
