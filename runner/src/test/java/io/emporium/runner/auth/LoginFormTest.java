package io.emporium.runner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginFormTest {

    /** The page Spring Security 7's DefaultLoginPageGeneratingFilter renders, with {@code hiddenInput} in it. */
    static String springSecurityLoginPage(String hiddenInput) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                  <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
                    <title>Please sign in</title>
                    <link href="/default-ui.css" rel="stylesheet" />
                  </head>
                  <body>
                    <div class="content">
                      <form class="login-form" method="post" action="/login">
                        <h2>Please sign in</h2>
                        <p>
                          <label for="username" class="screenreader">Username</label>
                          <input type="text" id="username" name="username" placeholder="Username" required autofocus>
                        </p>
                        <p>
                          <label for="password" class="screenreader">Password</label>
                          <input type="password" id="password" name="password" placeholder="Password" required>
                        </p>
                %s
                        <button type="submit" class="primary">Sign in</button>
                      </form>
                    </div>
                  </body>
                </html>""".formatted(hiddenInput);
    }

    private static final String TOKEN = "fTdy-9nmqU0YIgLQwBYc2_rt3x8ilk4fDBg4P2_Aj7vpXrE-ftZ4DHhsKyCbaC4aXnq3lBDmM_1t";

    @Test
    void readsTheCsrfTokenOfSpringSecuritysLoginPage() {
        String page = springSecurityLoginPage("<input name=\"_csrf\" type=\"hidden\" value=\"" + TOKEN + "\" />");

        assertThat(LoginForm.isLoginPage(page)).isTrue();
        assertThat(LoginForm.csrfToken(page)).contains(TOKEN);
    }

    @Test
    void readsTheCsrfTokenWhateverTheOrderAndQuotesOfItsAttributes() {
        assertThat(LoginForm.csrfToken(springSecurityLoginPage(
                "<input type=\"hidden\" value=\"" + TOKEN + "\" name=\"_csrf\"/>"))).contains(TOKEN);
        assertThat(LoginForm.csrfToken(springSecurityLoginPage(
                "<INPUT value='" + TOKEN + "'\n    type='hidden' name = '_csrf'>"))).contains(TOKEN);
    }

    @Test
    void ignoresOtherHiddenInputsAndUnescapesTheValue() {
        String page = springSecurityLoginPage("""
                <input name="_csrf_header" type="hidden" value="X-CSRF-TOKEN" />
                <input name="state" value="not-this" type="hidden" />
                <input name="_csrf" type="hidden" value="a&amp;b" />""");

        assertThat(LoginForm.csrfToken(page)).contains("a&b");
    }

    @Test
    void findsNoTokenWhereThereIsNone() {
        assertThat(LoginForm.csrfToken(springSecurityLoginPage(""))).isEmpty();
        assertThat(LoginForm.isLoginPage("<html><body><h1>Consent required</h1></body></html>")).isFalse();
    }
}
