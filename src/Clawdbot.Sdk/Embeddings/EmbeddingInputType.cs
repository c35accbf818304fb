namespace Clawdbot.Sdk;

/// <summary>
/// What Cohere Embed models are told the texts are for (<c>input_type</c>); they embed each purpose differently.
/// Titan Text Embeddings has no such setting.
/// </summary>
public enum EmbeddingInputType
{
    /// <summary><c>search_document</c>: texts stored to be searched (the corpus of a retrieval index).</summary>
    SearchDocument,

    /// <summary><c>search_query</c>: queries searched against texts embedded as <see cref="SearchDocument"/>.</summary>
    SearchQuery,

    /// <summary><c>classification</c>: input to a text classifier.</summary>
    Classification,

    /// <summary><c>clustering</c>: texts to be clustered.</summary>
    Clustering,
}
