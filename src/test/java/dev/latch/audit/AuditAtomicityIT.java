package dev.latch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A change and its audit event commit together: when the event cannot be written, nothing changes.
 */
class AuditAtomicityIT extends LatchIT {

    @Test
    void aChangeWhoseEventCannotBeWrittenDoesNotCommit() throws Exception {
        String name = Api.unique("unaudited");
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute(
                    "create function refuse_token_issue_event() returns trigger as $$ begin"
                            + " if new.action = 'token.issue' then raise exception 'refused by the test'; end if;"
                            + " return new; end $$ language plpgsql");
            sql.execute(
                    "create trigger refuse_token_issue_event before insert on audit_event"
                            + " for each row execute function refuse_token_issue_event()");
            try {
                var issued = api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}");
                assertTrue(issued.status() >= 500, issued.status() + " " + issued.body());
                assertEquals("unavailable", issued.string("code"));
                assertTrue(
                        !issued.body().contains("lop_"),
                        "no secret for a token that does not exist");
            } finally {
                sql.execute("drop trigger refuse_token_issue_event on audit_event");
                sql.execute("drop function refuse_token_issue_event()");
            }
        }
        assertEquals(
                0,
                api().get("api/v1/tokens?name=" + name, admin()).items().size(),
                "the issue rolled back with its event");
    }
}
