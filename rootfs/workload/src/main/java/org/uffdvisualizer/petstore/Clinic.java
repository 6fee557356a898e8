package org.uffdvisualizer.petstore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The clinic's records, generated at start from a fixed seed. Their number is set by
 * {@code petstore.owners} so the heap the restore has to bring back is of a chosen size
 * (about 2 KB of objects per owner).
 */
@Service
public class Clinic {
    public record Visit(LocalDate date, String description) { }

    public record Pet(int id, String name, String type, LocalDate birthDate, List<Visit> visits) { }

    public record Owner(int id, String firstName, String lastName, String address, String city,
                        String telephone, List<Pet> pets) { }

    public record Vet(int id, String firstName, String lastName, List<String> specialties) { }

    private static final String[] FIRST = {"George", "Betty", "Eduardo", "Harold", "Peter", "Jean",
        "Jeff", "Maria", "David", "Carlos", "Helen", "Sharon", "Rafael", "Henry", "Linda", "James"};
    private static final String[] LAST = {"Franklin", "Davis", "Rodriquez", "McTavish", "Coleman",
        "Black", "Escobito", "Schroeder", "Estaban", "Douglas", "Leary", "Jenkins", "Ortega", "Stevens"};
    private static final String[] CITY = {"Madison", "Sun Prairie", "McFarland", "Windsor", "Monona",
        "Waunakee"};
    private static final String[] TYPE = {"cat", "dog", "lizard", "snake", "bird", "hamster"};
    private static final String[] SPECIALTY = {"radiology", "surgery", "dentistry"};

    private final List<Owner> owners;
    private final Map<String, List<Owner>> byLastName = new HashMap<>();
    private final List<Vet> vets = new ArrayList<>();

    public Clinic(@Value("${petstore.owners:20000}") int ownerCount) {
        Random random = new Random(42);
        owners = new ArrayList<>(ownerCount);
        int petId = 0;
        for (int i = 0; i < ownerCount; i++) {
            List<Pet> pets = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
                List<Visit> visits = new ArrayList<>();
                for (int v = 0, m = random.nextInt(5); v < m; v++) {
                    visits.add(new Visit(LocalDate.of(2010 + random.nextInt(15), 1 + random.nextInt(12),
                        1 + random.nextInt(28)), "check-up " + random.nextInt(1000) + " "
                        + "x".repeat(random.nextInt(200))));
                }
                pets.add(new Pet(petId++, pick(random, FIRST).toLowerCase(Locale.ROOT) + p,
                    pick(random, TYPE), LocalDate.of(2005 + random.nextInt(20), 1 + random.nextInt(12),
                    1 + random.nextInt(28)), visits));
            }
            Owner owner = new Owner(i, pick(random, FIRST), pick(random, LAST),
                random.nextInt(9999) + " " + pick(random, LAST) + " St.", pick(random, CITY),
                String.format("608555%04d", random.nextInt(10000)), pets);
            owners.add(owner);
            byLastName.computeIfAbsent(owner.lastName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(owner);
        }
        for (int i = 0; i < 12; i++) {
            vets.add(new Vet(i, pick(random, FIRST), pick(random, LAST),
                List.of(SPECIALTY[i % SPECIALTY.length])));
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    public List<Owner> findByLastName(String lastName) {
        return byLastName.getOrDefault(lastName.toLowerCase(Locale.ROOT), List.of());
    }

    public Owner owner(int id) {
        return id >= 0 && id < owners.size() ? owners.get(id) : null;
    }

    public List<Vet> vets() {
        return vets;
    }

    public int ownerCount() {
        return owners.size();
    }
}
