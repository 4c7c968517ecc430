//! Waiting for many futures at once with one copy of the joining code for every result type:
//! each future writes its result into its own slot, and the slots' futures are joined as one
//! boxed type (a `join_all` per result type costs the wasm a state machine each).

use std::future::Future;

use futures::future::{join_all, LocalBoxFuture};

/// The results of `futures`, in their order, once all have ended.
pub(super) async fn join_in_order<'a, T: 'a, F>(futures: impl IntoIterator<Item = F>) -> Vec<T>
where
    F: Future<Output = T> + 'a,
{
    let futures: Vec<F> = futures.into_iter().collect();
    let mut slots: Vec<Option<T>> = Vec::with_capacity(futures.len());
    slots.resize_with(futures.len(), || None);
    let boxed: Vec<LocalBoxFuture<'_, ()>> = futures
        .into_iter()
        .zip(slots.iter_mut())
        .map(|(future, slot)| -> LocalBoxFuture<'_, ()> {
            Box::pin(async move { *slot = Some(future.await) })
        })
        .collect();
    join_all(boxed).await;
    slots.into_iter().flatten().collect()
}
