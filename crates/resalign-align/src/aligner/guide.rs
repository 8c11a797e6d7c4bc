//! Sure points for the band: items whose numbering key, or one of whose tokens, occurs exactly
//! once in each document. They only steer where the path is searched; the scores decide it.

use std::collections::HashMap;
use std::hash::Hash;

use super::features::{Content, PairFeatures, Pool};

/// Positions `(english, spanish)` of units that probably match.
pub(crate) fn sure_unit_points(features: &PairFeatures<'_>) -> Vec<(usize, usize)> {
    let mut points = unique_pairs(
        features.en.structure.iter().map(|unit| unit.numbering),
        features.es.structure.iter().map(|unit| unit.numbering),
    );
    points.extend(unique_token_pairs(
        &features.pool,
        &features.en.content,
        &features.es.content,
    ));
    points
}

/// Positions of texts that share a token found in no other text of either side.
pub(crate) fn unique_token_pairs(
    pool: &Pool,
    en: &[Content],
    es: &[Content],
) -> Vec<(usize, usize)> {
    unique_pairs(
        en.iter()
            .map(|content| pool.get(content.tokens).iter().copied()),
        es.iter()
            .map(|content| pool.get(content.tokens).iter().copied()),
    )
}

/// Positions of items sharing a key that occurs in exactly one item on each side. Each item
/// has any number of keys (an `Option` is zero or one).
pub(crate) fn unique_pairs<K, I>(
    en: impl Iterator<Item = I>,
    es: impl Iterator<Item = I>,
) -> Vec<(usize, usize)>
where
    K: Hash + Eq,
    I: IntoIterator<Item = K>,
{
    // For each key, per side: in how many items, and the last of them.
    let mut seen: HashMap<K, [(u32, usize); 2]> = HashMap::new();
    let mut count = |side: usize, position: usize, keys: I| {
        for key in keys {
            let entry = seen.entry(key).or_insert([(0, 0); 2]);
            if let Some(slot) = entry.get_mut(side) {
                *slot = (slot.0 + 1, position);
            }
        }
    };
    for (position, keys) in en.enumerate() {
        count(0, position, keys);
    }
    for (position, keys) in es.enumerate() {
        count(1, position, keys);
    }
    let mut points: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|[(en_count, _), (es_count, _)]| *en_count == 1 && *es_count == 1)
        .map(|[(_, en), (_, es)]| (en, es))
        .collect();
    // Sorted so that nothing downstream depends on the map's order.
    points.sort_unstable();
    points.dedup();
    points
}
