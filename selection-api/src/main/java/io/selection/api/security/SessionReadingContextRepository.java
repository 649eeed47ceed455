package io.selection.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Reads the sign-in that the console's form stored in the session, and stores nothing: a call with
 * HTTP Basic never makes or changes a session, so the API stays stateless for its own clients.
 */
final class SessionReadingContextRepository implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository session = new HttpSessionSecurityContextRepository();

    SessionReadingContextRepository() {
        session.setAllowSessionCreation(false);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return session.loadDeferredContext(request);
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return session.loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // never: only the console's sign-in form writes the session
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return session.containsContext(request);
    }
}
