package io.selection.api.web;

import io.selection.api.config.SelectionProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string field held to one of the configured lengths of {@code selection.limits} (title, URL,
 * reason, name): over it the request is a 400 VALIDATION naming the field, in the words of
 * {@code @Size}. A field's length is the field's fault, not the body's size, hence not 413.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxChars.Check.class)
public @interface MaxChars {

    Kind value();

    String message() default "too long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind {
        TITLE, URL, REASON, NAME;

        int of(SelectionProperties.Limits limits) {
            return switch (this) {
                case TITLE -> limits.titleChars();
                case URL -> limits.urlChars();
                case REASON -> limits.reasonChars();
                case NAME -> limits.nameChars();
            };
        }
    }

    /** Made by Spring's validator factory with the service's limits; with the defaults elsewhere. */
    final class Check implements ConstraintValidator<MaxChars, CharSequence> {
        private final SelectionProperties.Limits limits;
        private int max;

        public Check() {
            this(SelectionProperties.Limits.DEFAULTS);
        }

        @Autowired
        public Check(SelectionProperties properties) {
            this(properties.limits());
        }

        private Check(SelectionProperties.Limits limits) {
            this.limits = limits;
        }

        @Override
        public void initialize(MaxChars annotation) {
            max = annotation.value().of(limits);
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null || value.length() <= max) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("max", max)
                    .buildConstraintViolationWithTemplate("{selection.maxChars}").addConstraintViolation();
            return false;
        }
    }
}
