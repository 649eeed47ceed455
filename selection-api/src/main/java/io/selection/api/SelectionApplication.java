package io.selection.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Selection service: HTTP doors, vote intake, Axon on a JDBC event store, read models in memory. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SelectionApplication {

    static {
        // A system that holds an official selection must not phone anywhere: Axon's update
        // checker is off here, in the application itself, before Spring or Axon start.
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(SelectionApplication.class, args);
    }
}
