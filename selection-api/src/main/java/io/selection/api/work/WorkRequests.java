package io.selection.api.work;

import io.selection.api.web.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

public final class WorkRequests {

    private WorkRequests() {
    }

    public record SubmitWork(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                             @NotBlank @Size(max = 500) String title,
                             @NotBlank @Size(max = 2000) String url,
                             @NotBlank @Size(max = 64) String category,
                             @NotNull LocalDate publishedOn,
                             @Size(max = 200) String organisation) {
    }

    public record Disqualify(@NotBlank @Size(max = 2000) String reason) {
    }

    public record ImportRefusal(int line, String code, String detail) {
    }

    public record ImportResult(int accepted, java.util.List<ImportRefusal> refused) {
    }
}
