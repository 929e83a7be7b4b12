package dev.latch.users;

import static dev.latch.support.Problems.assertProblem;
import static dev.latch.users.SessionsIT.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The login throttle under parallel guesses, per (user, source), and on password changes. */
class LoginThrottleIT extends LatchIT {

    @Test
    void fortyParallelGuessesAreCountedBeforeAnyIsCheckedAndNoneFailsTheServer() throws Exception {
        String username = SessionsIT.user(api(), "viewer").getString("username");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add(
                    () ->
                            api().loginFrom(username, "wrong guess " + Math.random(), "10.40.0.1")
                                    .status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(guesses)) {
            statuses.add(status.get());
        }
        pool.shutdown();
        long checked = statuses.stream().filter(s -> s == 401).count();
        long throttled = statuses.stream().filter(s -> s == 429).count();
        assertTrue(checked <= 5, "at most the limit reaches the password check: " + statuses);
        assertEquals(
                40, checked + throttled, "every other guess is throttled, none fails: " + statuses);
    }

    @Test
    void theRealUserOnAnotherAddressStillSignsInWhileAnAttackerIsThrottled() {
        String username = SessionsIT.user(api(), "admin").getString("username");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api().loginFrom(username, "not the password", "10.66.6.6").status());
        }
        var throttled =
                assertProblem(
                        api().loginFrom(username, PASSWORD, "10.66.6.6"), 429, "rate_limited");
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) >= 1);
        assertEquals(200, api().loginFrom(username, PASSWORD, "10.1.1.1").status());
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogin() {
        JsonObject user = SessionsIT.user(api(), "viewer");
        String session = SessionsIT.login(api(), user.getString("username"), PASSWORD);
        int status = 0;
        for (int i = 0; i < 6; i++) {
            status =
                    api().send(
                                    api().request("api/v1/users/me/password", session)
                                            .header("Content-Type", "application/json")
                                            .PUT(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"current_password\":\"guess number "
                                                                    + i
                                                                    + "\",\"new_password\":\"a new passphrase\"}")))
                            .status();
            assertEquals(i < 5 ? 403 : 429, status, "attempt " + (i + 1));
        }
    }
}
