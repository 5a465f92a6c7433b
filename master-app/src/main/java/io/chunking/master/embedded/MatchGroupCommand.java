package io.chunking.master.embedded;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import de.bwaldvogel.mongo.bson.Document;

/**
 * An {@code aggregate} command whose pipeline is a {@code $match} then a {@code $group}, with no option that changes
 * what a match means ({@code collation}) or what is answered ({@code explain}, {@code let}, {@code hint}): the shape
 * of the commands the embedded server answers from index entries alone ({@link CoveredCount}, {@link CoveredGroup}).
 * Other options ({@code allowDiskUse}, {@code cursor}, {@code maxTimeMS}, ...) change nothing in such an answer.
 *
 * @param match the query of the {@code $match} stage
 * @param group the specification of the {@code $group} stage
 */
record MatchGroupCommand(Document match, Document group) {

	private static final Set<String> CHANGING_OPTIONS = Set.of("collation", "explain", "let", "hint");

	/** The command's two stages, or {@code null} if it has another shape or an option that changes the answer. */
	static @Nullable MatchGroupCommand of(Document command) {
		if (CHANGING_OPTIONS.stream().anyMatch(command::containsKey)
				|| !(command.get("pipeline") instanceof List<?> stages) || stages.size() != 2
				|| !(stages.get(0) instanceof Document first) || first.size() != 1
				|| !(first.get("$match") instanceof Document query) || !(stages.get(1) instanceof Document second)
				|| second.size() != 1 || !(second.get("$group") instanceof Document group)) {
			return null;
		}
		return new MatchGroupCommand(query, group);
	}

	/**
	 * The stock response to an {@code aggregate} command: every result in the first batch, no more to fetch.
	 *
	 * @param namespace the full namespace of the collection
	 */
	static Document response(String namespace, List<Document> results) {
		Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", results);
		return new Document("cursor", cursor).append("ok", 1.0);
	}

}
