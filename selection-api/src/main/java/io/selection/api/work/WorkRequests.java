package io.selection.api.work;

import io.selection.api.web.Ids;
import io.selection.api.web.MaxChars;
import io.selection.api.web.MaxChars.Kind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

public final class WorkRequests {

    private WorkRequests() {
    }

    public record SubmitWork(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String id,
                             @NotBlank @MaxChars(Kind.TITLE) String title,
                             @NotBlank @MaxChars(Kind.URL) String url,
                             @NotBlank @Size(max = 64) String category,
                             @NotNull LocalDate publishedOn,
                             @MaxChars(Kind.NAME) String organisation) {
    }

    public record Disqualify(@NotBlank @MaxChars(Kind.REASON) String reason) {
    }

    public record ImportRefusal(int line, String code, String detail) {
    }

    public record ImportResult(int accepted, java.util.List<ImportRefusal> refused) {
    }
}
