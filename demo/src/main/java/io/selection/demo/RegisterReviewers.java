package io.selection.demo;

import io.selection.demo.Api.Account;
import io.selection.demo.Demo.DemoException;
import io.selection.demo.Demo.Reviewer;
import io.selection.demo.Synth.Expert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2: the expert panel, each reviewer covering two or three categories, so that every category
 * has enough reviewers for its minimum of scores even where one of them has a conflict of interest.
 */
final class RegisterReviewers implements Step {

    @Override
    public String name(EditionRun run) {
        return "Reviewers registered";
    }

    @Override
    public Done run(EditionRun run) {
        int minScores = run.minScores();
        List<Expert> experts = Synth.experts(run.config.reviewers(), run.random);
        List<String> codes = run.categoryCodes;
        int c = codes.size();
        int next = 0;
        for (int i = 0; i < experts.size(); i++) {
            Expert expert = experts.get(i);
            int covers = Math.min(c, i < (experts.size() + 1) / 2 ? 3 : 2);
            List<String> categories = new ArrayList<>();
            for (int k = 0; k < covers; k++) {
                categories.add(codes.get(next++ % c));
            }
            String id = run.id + "-" + expert.idStem();
            // Drawn and set aside: each reviewer's random password once came from here, and without the
            // draw every later choice of a seed would change, the worked examples of docs/audit.md with them.
            run.random.nextLong();
            Reviewer reviewer = new Reviewer(id, expert.name(), expert.organisation(), List.copyOf(categories),
                    run.config.reviewerPassword());
            run.reviewers.add(reviewer);
            run.reviewerById.put(id, reviewer);
            run.reviewerBias.put(id, run.random.nextGaussian() * 3);
            run.reviewerDecimals.put(id, run.random.nextInt(3) == 0);
        }
        for (String code : codes) {
            long n = perCategory(run, code);
            if (n < minScores + 1) {
                throw new DemoException("with " + run.config.reviewers() + " reviewers, category " + code
                        + " gets only " + n + " of them; it needs " + (minScores + 1) + " (minScores " + minScores
                        + ", plus one for conflicts of interest): pass a larger --reviewers");
            }
        }
        for (Reviewer r : run.reviewers) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.id());
            body.put("name", r.name());
            body.put("organisation", r.organisation());
            body.put("categories", r.categories());
            body.put("password", r.password());
            run.api.post(run.path("/reviewers"), Account.ORGANISER, body, 201);
        }
        StringBuilder perCategory = new StringBuilder();
        for (String code : codes) {
            perCategory.append(perCategory.length() == 0 ? "" : ", ").append(code).append(' ')
                    .append(perCategory(run, code));
        }
        return new Done(run.reviewers.size() + " experts (per category: " + perCategory + ")", List.of(
                "each signs in with their id, e.g. " + run.reviewers.get(0).id() + ", and the password "
                        + run.config.reviewerPassword() + " (all of them are listed at the end)"));
    }

    private static long perCategory(EditionRun run, String code) {
        return run.reviewers.stream().filter(r -> r.categories().contains(code)).count();
    }
}
