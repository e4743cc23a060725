using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>What an edit page calls on its view model (see <see cref="EditViewModel{TEntity, TForm}"/>).</summary>
/// <typeparam name="TEntity">The saved entity.</typeparam>
internal interface IEditViewModel<TEntity>
    where TEntity : class
{
    /// <summary>Starts a new form (<paramref name="id"/> null) or loads the entity to edit.</summary>
    Task LoadAsync(int? id, CancellationToken cancellationToken);

    /// <summary>Saves; returns the saved entity, or null when the service refused it.</summary>
    Task<TEntity?> SaveAsync(Actor actor, CancellationToken cancellationToken);
}
