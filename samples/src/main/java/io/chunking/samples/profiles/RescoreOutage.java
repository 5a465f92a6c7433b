package io.chunking.samples.profiles;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Switches the outage of {@code profiles-rescore}'s {@code outageEvery} on or off, as the launcher
 * {@code samples/rescore-profiles --outage} does: {@code on} inserts a document into the collection
 * {@value RescoreFaults#OUTAGE_COLLECTION} of the sample database, {@code off} deletes them all.
 *
 * <pre>
 * java -Dloader.path=samples/target/samples.jar -Dloader.main=io.chunking.samples.profiles.RescoreOutage \
 *   -jar master-app/target/master-app.jar on|off mongodb://127.0.0.1:27017 [database]
 * </pre>
 */
public final class RescoreOutage {

	private RescoreOutage() {
	}

	public static void main(String[] args) {
		if (args.length < 2 || !("on".equals(args[0]) || "off".equals(args[0]))) {
			throw new IllegalArgumentException("usage: RescoreOutage on|off <mongodb uri> [database, default samples]");
		}
		try (MongoClient mongo = MongoClients.create(args[1])) {
			MongoCollection<Document> outage = mongo.getDatabase((args.length > 2) ? args[2] : "samples")
				.getCollection(RescoreFaults.OUTAGE_COLLECTION);
			if ("on".equals(args[0])) {
				outage.replaceOne(new Document("_id", "outage"), new Document("_id", "outage"),
						new ReplaceOptions().upsert(true));
			}
			else {
				outage.deleteMany(new Document());
			}
			System.out.println("outage " + args[0]);
		}
	}

}
