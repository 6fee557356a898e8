package org.uffdvisualizer.petstore;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP side: what the capture lab requests after each restore. */
@RestController
public class ClinicController {
    private final Clinic clinic;

    public ClinicController(Clinic clinic) {
        this.clinic = clinic;
    }

    @GetMapping("/ready")
    public Map<String, Integer> ready() {
        return Map.of("owners", clinic.ownerCount());
    }

    @GetMapping("/owners")
    public List<Clinic.Owner> owners(@RequestParam(name = "lastName", defaultValue = "Davis") String lastName) {
        return clinic.findByLastName(lastName);
    }

    @GetMapping("/owners/{id}")
    public ResponseEntity<Clinic.Owner> owner(@PathVariable("id") int id) {
        Clinic.Owner owner = clinic.owner(id);
        return owner == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(owner);
    }

    @GetMapping("/vets")
    public List<Clinic.Vet> vets() {
        return clinic.vets();
    }
}
