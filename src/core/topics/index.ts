/**
 * Topic grouping of a digest's papers: derived topics named in the papers' own words, plus the user's own
 * topics (saved searches). Pure: no `vscode`.
 */
export { deriveTopics, otherLabel, otherTopicId, slug } from './deriveTopics';
export { renameTopics } from './renameTopics';
export { withUserTopics } from './withUserTopics';
export { deriveTopicsInWorker } from './deriveTopicsInWorker';
export { decodeTopicMemory, deriveStableTopics, encodeTopicMemory, nextTopicMemory } from './topicMemory';
export { loadTopicsCache, saveTopicsCache, topicsCacheKey, validateTopics, type TopicsCacheLoad } from './topicsCache';
export type { Topic, TopicOptions, TopicPaper, UserTopic } from './topic';
