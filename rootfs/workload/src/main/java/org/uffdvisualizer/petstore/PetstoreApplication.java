package org.uffdvisualizer.petstore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The guest's workload: a Spring Boot web application shaped like Spring Petclinic (owners,
 * pets, visits, vets, served as JSON by Tomcat), with its data held in the heap so that a
 * restore has a realistic heap to fault back in.
 */
@SpringBootApplication
public class PetstoreApplication {
    public static void main(String[] args) {
        SpringApplication.run(PetstoreApplication.class, args);
    }
}
