package io.selection.api.console;

import io.selection.api.security.Accounts;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.List;

/**
 * The pages: the console under {@code /console/}, the public results under {@code /results/{e}}
 * (a work's page under {@code /results/{e}/works/{w}}, a voter's receipt checked under
 * {@code /results/{e}/receipt}).
 * They are static files (no template engine, no build step outside Maven); this maps their
 * addresses and tells a console page who is signed in.
 */
@Controller
public class ConsoleController {

    /**
     * Who is signed in (if anyone), with the roles, the edition a reviewer's account belongs to,
     * and the CSRF token the page's writes carry.
     */
    public record Session(boolean authenticated, String username, List<String> roles, String edition,
                          String csrfHeader, String csrfParameter, String csrfToken) {
    }

    private final Accounts accounts;

    public ConsoleController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/console/session")
    @ResponseBody
    public Session session(Authentication authentication, CsrfToken csrf) {
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        List<String> roles = signedIn ? authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length())).sorted().toList() : List.of();
        return new Session(signedIn, signedIn ? authentication.getName() : null, roles,
                signedIn ? accounts.editionOf(authentication.getName()) : null, csrf.getHeaderName(),
                csrf.getParameterName(), csrf.getToken());
    }

    @GetMapping("/console")
    public String consoleWithoutSlash() {
        return "redirect:/console/";
    }

    @GetMapping("/console/")
    public String console() {
        return "forward:/console/index.html";
    }

    @GetMapping("/console/login")
    public String login() {
        return "forward:/console/login.html";
    }

    /** The results page draws both: an edition's lists, and a work of them. */
    @GetMapping({"/results/{editionId}", "/results/{editionId}/works/{workId}"})
    public String results() {
        return "forward:/public/results.html";
    }

    /** A voter's receipt, checked in the browser against the edition's log key. */
    @GetMapping("/results/{editionId}/receipt")
    public String receipt() {
        return "forward:/public/receipt.html";
    }
}
