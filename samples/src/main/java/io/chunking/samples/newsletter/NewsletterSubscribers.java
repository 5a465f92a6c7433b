package io.chunking.samples.newsletter;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * The subscribers of the newsletter's test, launcher and benchmark, deterministic from their number: {@code s-00000},
 * {@code s-00001}, ...; every 10th is inactive; among the others, every 97th has an address the demo mail server
 * refuses for good ({@value #BOUNCE}-...) and every 89th one it refuses the first time ({@value #BUSY}-...).
 * <p>
 * {@link #main}: {@code NewsletterSubscribers <mongodb uri> <database> <count>} replaces the collection
 * {@value NewsletterJob#SUBSCRIBERS} with {@code count} subscribers and prints how many of each kind it wrote.
 */
public final class NewsletterSubscribers {

	/** Local part prefix of the addresses the demo mail server refuses for good. */
	public static final String BOUNCE = "bounce";

	/** Local part prefix of the addresses the demo mail server refuses the first time. */
	public static final String BUSY = "busy";

	private NewsletterSubscribers() {
	}

	/** Subscriber number {@code i}. */
	public static Subscriber subscriber(int i) {
		String id = String.format("s-%05d", i);
		String local = (i % 97 == 3) ? BOUNCE + "-" + id : (i % 89 == 5) ? BUSY + "-" + id : id;
		return new Subscriber(id, local + "@example.com", "Subscriber " + i, i % 10 != 9);
	}

	/** Subscribers {@code 0 .. count-1}. */
	public static List<Subscriber> subscribers(int count) {
		List<Subscriber> subscribers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			subscribers.add(subscriber(i));
		}
		return subscribers;
	}

	/** Replaces the subscribers of {@code database} with {@code subscribers}, in batches of 1000. */
	public static void write(MongoClient mongo, String database, List<Subscriber> subscribers) {
		MongoCollection<Document> collection = mongo.getDatabase(database).getCollection(NewsletterJob.SUBSCRIBERS);
		collection.drop();
		for (int from = 0; from < subscribers.size(); from += 1000) {
			collection.insertMany(subscribers.subList(from, Math.min(from + 1000, subscribers.size()))
				.stream()
				.map(Subscriber::toDocument)
				.toList());
		}
	}

	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("Usage: NewsletterSubscribers <mongodb uri> <database> <count>");
			System.exit(2);
		}
		List<Subscriber> subscribers = subscribers(Integer.parseInt(args[2]));
		try (MongoClient mongo = MongoClients.create(args[0])) {
			write(mongo, args[1], subscribers);
		}
		long active = subscribers.stream().filter(Subscriber::active).count();
		long bounce = subscribers.stream().filter((s) -> s.active() && s.email().startsWith(BOUNCE)).count();
		long busy = subscribers.stream().filter((s) -> s.active() && s.email().startsWith(BUSY)).count();
		System.out.println("subscribers=" + subscribers.size() + " active=" + active + " refusedForGood=" + bounce
				+ " refusedOnce=" + busy + " expectedMails=" + (active - bounce));
	}

}
