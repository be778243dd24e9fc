package io.cairn.identity.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /login}: the sign-in form, with the outcome of the previous attempt when there was one. */
@Controller
public class LoginPageController {

    @GetMapping("/login")
    void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = null;
        boolean error = false;
        if (request.getParameter("error") != null) {
            message = "Wrong username or password.";
            error = true;
        } else if (request.getParameter("sso-error") != null) {
            message = "Sign-in with your organization's SSO failed. Try again, or ask its administrator.";
            error = true;
        } else if (request.getParameter("logout") != null) {
            message = "You have signed out.";
        }
        LoginPage.write(request, response, HttpServletResponse.SC_OK, message, error, null);
    }
}
