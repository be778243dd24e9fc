package io.cairn.identity.sso;

import io.cairn.identity.login.LoginPage;
import io.cairn.tenancy.command.Organization;
import io.cairn.tenancy.query.SsoReadModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page's "organization" field ({@code GET /login/sso?org=…}) and the answer for an organization whose
 * SSO cannot start: {@code /login/sso/{org}} only reaches this controller when the OAuth2 client filter found no
 * registration for it (no SSO, or its provider's discovery document cannot be read).
 */
@Controller
public class SsoLoginController {

    private final SsoReadModel settings;

    public SsoLoginController(SsoReadModel settings) {
        this.settings = settings;
    }

    @GetMapping("/login/sso")
    void choose(@RequestParam(name = "org", required = false) String org, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        String id = org == null ? "" : org.strip().toLowerCase();
        if (!Organization.ID.matcher(id).matches()) {
            LoginPage.write(request, response, HttpServletResponse.SC_BAD_REQUEST,
                    "Type your organization's id, e.g. acme.", true, null);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login/sso/" + id);
    }

    @GetMapping("/login/sso/{org}")
    void unavailable(@PathVariable String org, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean configured = Organization.ID.matcher(org).matches() && settings.find(org).isPresent();
        if (configured) {
            LoginPage.write(request, response, HttpServletResponse.SC_BAD_GATEWAY, "The identity provider of "
                    + "organization '" + org + "' cannot be reached. Try again later.", true, null);
        } else {
            LoginPage.write(request, response, HttpServletResponse.SC_NOT_FOUND, "Organization '" + org
                    + "' does not offer sign-in with SSO.", true, null);
        }
    }
}
