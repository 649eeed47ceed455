package io.selection.demo;

import io.selection.demo.Api.Account;

/** Step 5: the shortlist is published; the demo reads it back, category by category. */
final class PublishShortlist implements Step {

    @Override
    public String name(EditionRun run) {
        return "Shortlist published";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("SHORTLIST_PUBLISHED");
        run.shortlist = run.api.get(run.path("/shortlist"), Account.ORGANISER);
        StringBuilder counts = new StringBuilder();
        for (String code : run.categoryCodes) {
            counts.append(counts.length() == 0 ? "" : ", ").append(code).append(' ')
                    .append(EditionRun.categories(run.shortlist).path(code).size()).append('/')
                    .append(run.worksIn(code));
        }
        return new Done("shortlisted/submitted per category: " + counts);
    }
}
